//! Parsing: format detection and one module per format.
