//! Fuzz target `json`: any bytes read as JSON (a `[` is put in front unless the input starts
//! like JSON): truncation repair, every record shape, the readable fallback. A JSON error is a
//! fallback to text, never a panic.
#![no_main]

#[path = "model_check.rs"]
mod model_check;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let text = if gijiroku::core::parse::json::starts_like_json(&text) { text.into_owned() } else { format!("[{text}") };
    if let Ok(meetings) = gijiroku::core::parse::json::parse(&text) {
        model_check::assert_clean(&meetings);
    }
    model_check::assert_clean(&gijiroku::core::parse::parse_text(&text));
});
