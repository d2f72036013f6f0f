//! The pure core: the meeting model, decoding, parsing, display width, line breaking and search.
//!
//! Nothing under `core` touches files, terminals or clocks, nor imports the terminal crates;
//! `.ci/run` checks that with a grep. Every function here is total: any input gives a result,
//! never a panic.

// No unwrap or expect outside tests: bad input gets a message, never a panic.
#![cfg_attr(not(test), deny(clippy::unwrap_used, clippy::expect_used))]

pub mod decode;
pub mod filter;
pub mod hits;
pub mod layout;
pub mod meeting;
pub mod parse;
pub mod romaji;
pub mod sanitize;
pub mod search;
pub mod width;
