//! Fuzz target `decode`: any bytes through the decoder and the sanitiser. Neither may panic, and
//! what the sanitiser returns must hold no escape, C0/C1 control (tab and newline excepted) or
//! bidi override, so that nothing from a file can act on the terminal.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let decoded = gijiroku::core::decode::decode(data);
    let clean = gijiroku::core::sanitize::sanitize(&decoded.text);
    for c in clean.text.chars() {
        assert!(!c.is_control() || c == '\t' || c == '\n', "control {c:?} survived sanitize");
        assert!(!matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}'), "bidi control {c:?} survived");
    }
    // Sanitising is idempotent: a second pass finds nothing more to remove.
    let again = gijiroku::core::sanitize::sanitize(&clean.text);
    assert_eq!(again.text, clean.text, "sanitize is not idempotent");
});
