//! The application state machine of gijiroku, without a terminal: [`app::App`] holds all
//! mutable state and changes only through the events it is given; [`keymap`] turns keys into
//! [`action::Action`]s. Nothing here draws, reads a file or starts a thread: the binary crate
//! renders the app and performs the effects it asks for.

pub mod action;
pub mod app;
pub mod keymap;
