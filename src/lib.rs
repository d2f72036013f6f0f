//! gijiroku (議事録): a terminal reader for meeting minutes.
//!
//! Module map, following the dependency rule `core <- app <- view <- runtime`:
//!
//! - [`core`]: pure text logic (model, decoding, parsers, width, line breaking, search). No I/O.
//! - [`cli`]: the non-interactive subcommands (`print`, `fold`, `search`, `config`).

pub mod cli;
pub mod core;
