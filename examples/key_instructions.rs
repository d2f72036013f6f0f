//! Per-key cost in instructions, which do not depend on what else the machine is doing (criterion's
//! times do): presses the given keys 20,000 times on a 10,000-turn meeting at 200×60.
//!
//! ```sh
//! cargo build --release --example key_instructions
//! valgrind --tool=callgrind --callgrind-out-file=/dev/null target/release/examples/key_instructions ''
//! valgrind --tool=callgrind --callgrind-out-file=/dev/null target/release/examples/key_instructions j
//! ```
//! (instructions with keys − instructions without) / 20,000 is the cost of one round of the keys.

#[path = "../benches/support/mod.rs"]
mod support;

use gijiroku::keymap::key::Key;

const ROUNDS: usize = 20_000;

fn main() {
    let mut app = support::app_with(support::meeting(10_000, 3), 200, 60);
    let keys: Vec<Key> = std::env::args().nth(1).unwrap_or_default().chars().map(Key::char).collect();
    for _ in 0..ROUNDS {
        for &key in &keys {
            app.handle_key(key);
        }
    }
}
