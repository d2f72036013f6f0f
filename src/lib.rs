//! gijiroku (議事録): a terminal reader for meeting minutes.
//!
//! Module map, following the dependency rule `core <- app <- view <- runtime`:
//!
//! - [`core`]: pure text logic (model, decoding, parsers, width, line breaking, search). No I/O.
//! - [`app`]: the state machine, driven by actions from the [`keymap`].
//! - [`view`]: read-only rendering of the app into a ratatui buffer.
//! - [`runtime`]: terminal, event loop, signals, background workers.
//! - [`library`]: finding and reading minutes files; [`index`]: the persistent library index.
//! - [`config`]: the TOML config file; [`state`]: remembered reading positions, jumps and marks.
//! - [`cli`]: the command line and the non-interactive subcommands (`print`, `fold`, `search`, `config`).

pub mod app;
pub mod cli;
pub mod config;
pub mod core;
pub mod index;
pub mod keymap;
pub mod library;
pub mod runtime;
pub mod state;
pub mod view;
