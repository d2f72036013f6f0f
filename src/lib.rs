//! gijiroku (議事録): a terminal reader for meeting minutes.
//!
//! Module map, following the dependency rule `core <- app <- view <- runtime`:
//!
//! - [`core`] (the `gijiroku-core` crate): pure text logic (model, decoding, parsers, width, line
//!   breaking, search). No I/O.
//! - [`app`] (the `gijiroku-app` crate): the state machine, driven by actions from the [`keymap`].
//! - [`view`]: read-only rendering of the app into a ratatui buffer.
//! - [`runtime`]: terminal, event loop, signals, background workers.
//! - [`library`]: finding and reading minutes files; [`index`]: the persistent library index.
//! - [`kokkai`]: the Diet minutes API (network and cache), for `gijiroku kokkai` and its reader.
//! - [`config`]: the TOML config file; [`state`]: remembered reading positions, jumps and marks.
//! - [`cli`]: the command line and the non-interactive subcommands (`print`, `fold`, `search`, `config`).

// No unwrap or expect outside tests: bad input gets a message, never a panic.
#![cfg_attr(not(test), deny(clippy::unwrap_used, clippy::expect_used))]

pub mod cli;
pub mod config;
pub mod dirs;
pub mod index;
pub mod kokkai;
pub mod library;
pub mod runtime;
pub mod state;
pub mod view;

// The two library crates under the names the rest of the code (and the tests) use.
pub use gijiroku_app::{action, app, keymap};
pub use gijiroku_core as core;
