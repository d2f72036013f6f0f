//! Fuzz target `chat`: any lines through the chat-log parser, with each line given a time stamp
//! so that the log is recognised: scribes, continuations, topics, commands, replays.
#![no_main]

#[path = "model_check.rs"]
mod model_check;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let sanitized = gijiroku::core::sanitize::sanitize(&text).text;
    let lines: Vec<String> = sanitized.split('\n').enumerate().map(|(n, l)| format!("10:{:02}:00 {l}", n % 60)).collect();
    let borrowed: Vec<&str> = lines.iter().map(String::as_str).collect();
    model_check::assert_clean(&[gijiroku::core::parse::chat::parse(&borrowed)]);
});
