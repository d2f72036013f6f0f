//! Fuzz target `html`: any bytes read as an HTML page (a doctype is put in front, so the page
//! path is always taken): extraction, scribe and speaker-block pages, text parsers behind them.
#![no_main]

#[path = "model_check.rs"]
mod model_check;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = format!("<!DOCTYPE html>{}", String::from_utf8_lossy(data));
    model_check::assert_clean(&gijiroku::core::parse::parse_text(&text));
});
