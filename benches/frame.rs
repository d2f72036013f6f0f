//! One frame and one key. Claims: rendering a full 200×60 frame of a 10,000-turn meeting and
//! the per-key update (`j`, Ctrl-d, `}`, `G`) each take well under a millisecond, so every key is
//! far under a 16 ms frame.

mod support;

use criterion::{Criterion, criterion_group, criterion_main};
use gijiroku::app::App;
use gijiroku::keymap::key::Key;
use gijiroku::view::theme::Theme;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

fn app(width: u16, height: u16) -> App {
    support::app_with(support::meeting(10_000, 3), width, height)
}

fn bench_frame(c: &mut Criterion) {
    let theme = Theme::default();
    let mut group = c.benchmark_group("frame");
    for (width, height) in [(80u16, 24u16), (200, 60)] {
        let mut app = app(width, height);
        app.handle_key(Key::char('}'));
        let area = Rect::new(0, 0, width, height);
        let mut buffer = Buffer::empty(area);
        group.bench_function(format!("render_{width}x{height}"), |b| {
            b.iter(|| {
                buffer.reset();
                gijiroku::view::render(&app, &theme, area, &mut buffer)
            })
        });
    }
    // The whole per-key path after input, as the runtime draws: update, render (after a scroll,
    // only the rows that came in and the status line), and the screen driver's diff into bytes.
    for (width, height) in [(80u16, 24u16), (200, 60)] {
        let mut app = app(width, height);
        let mut screen = gijiroku::runtime::screen::Screen::new(Vec::new(), width, height);
        let mut painter = gijiroku::runtime::paint::Painter::default();
        // 1,000 rows down, 1,000 back up: every key scrolls (running off the end of the meeting
        // would measure frames where `j` changes nothing).
        let mut pressed = 0usize;
        group.bench_function(format!("key_j_to_bytes_{width}x{height}"), |b| {
            b.iter(|| {
                pressed += 1;
                app.handle_key(Key::char(if (pressed / 1000) % 2 == 0 { 'j' } else { 'k' }));
                let _ = painter.draw(&app, &theme, &mut screen, true);
                screen.writer().clear();
            })
        });
    }
    let mut app = app(200, 60);
    for (name, key) in [("j", Key::char('j')), ("ctrl_d", Key::ctrl('d')), ("next_turn", Key::char('}'))] {
        group.bench_function(format!("key_{name}_200x60"), |b| b.iter(|| app.handle_key(key)));
    }
    group.bench_function("key_G_gg_200x60", |b| {
        b.iter(|| {
            app.handle_key(Key::char('G'));
            app.handle_key(Key::char('g'));
            app.handle_key(Key::char('g'));
        })
    });
    group.finish();
}

criterion_group!(benches, bench_frame);
criterion_main!(benches);
