//! Layout: wrap a meeting at a width into display rows mapped back to the text.

pub mod breaker;
