//! The application state machine of gijiroku, without a terminal: [`app::App`] holds all
//! mutable state and changes only through the events it is given; [`keymap`] turns keys into
//! [`action::Action`]s. Nothing here draws, reads a file or starts a thread: the binary crate
//! renders the app and performs the effects it asks for.

// No unwrap or expect outside tests: bad input gets a message, never a panic.
#![cfg_attr(not(test), deny(clippy::unwrap_used, clippy::expect_used))]

pub mod action;
pub mod app;
pub mod keymap;
