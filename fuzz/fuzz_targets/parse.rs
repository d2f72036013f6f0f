//! Fuzz target `parse`: any bytes through the whole parser. It must return at least one meeting
//! and never panic; every text it keeps must be free of controls (the sanitiser ran).
#![no_main]

#[path = "model_check.rs"]
mod model_check;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    model_check::assert_clean(&gijiroku::core::parse::parse_bytes(data));
});
