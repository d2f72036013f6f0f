//! Per-key cost in instructions, which do not depend on what else the machine is doing (criterion's
//! times do): presses the given keys 20,000 times on a 10,000-turn meeting, and after each key
//! draws the frame and diffs it into bytes as the running program does (`runtime::paint`) (with `--app-only`, only
//! the app's update).
//!
//! ```sh
//! cargo build --release --example key_instructions
//! valgrind --tool=callgrind --callgrind-out-file=/dev/null target/release/examples/key_instructions '' 200x60
//! valgrind --tool=callgrind --callgrind-out-file=/dev/null target/release/examples/key_instructions j 200x60
//! ```
//! (instructions with keys − instructions without) / 20,000 is the cost of one round of the keys.

#[path = "../benches/support/mod.rs"]
mod support;

use gijiroku::keymap::key::Key;
use gijiroku::runtime::paint::Painter;
use gijiroku::runtime::screen::Screen;
use gijiroku::view::theme::Theme;

const ROUNDS: usize = 20_000;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let keys: Vec<Key> = args.first().map(String::as_str).unwrap_or_default().chars().map(Key::char).collect();
    let (width, height) = args
        .get(1)
        .and_then(|size| size.split_once('x'))
        .and_then(|(w, h)| Some((w.parse().ok()?, h.parse().ok()?)))
        .unwrap_or((200u16, 60u16));
    let app_only = args.iter().any(|a| a == "--app-only");
    let mut app = support::app_with(support::meeting(10_000, 3), width, height);
    let theme = Theme::default();
    let mut screen = Screen::new(Vec::new(), width, height);
    let mut painter = Painter::default();
    for _ in 0..ROUNDS {
        for &key in &keys {
            app.handle_key(key);
            if app_only {
                continue;
            }
            let _ = painter.draw(&app, &theme, &mut screen, true);
            screen.writer().clear();
        }
    }
}
