//! Driving the real `App` without a terminal: open files, type key scripts, render screens.

use std::path::Path;

use gijiroku::app::library::Source;
use gijiroku::app::{App, Options};
use gijiroku::keymap::key::{Key, KeyCode};
use gijiroku::library::DEFAULT_MAX_FILE_BYTES;
use gijiroku::runtime::workers::{SAMPLES, entries_of, run_effects_blocking};
use gijiroku::view::theme::Theme;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

/// An app of the given size showing the given files (the first one opened), effects run inline.
pub fn app_with_files(paths: &[&Path], width: u16, height: u16) -> App {
    let entries =
        paths.iter().flat_map(|p| entries_of(Source::File(p.to_path_buf()), DEFAULT_MAX_FILE_BYTES)).collect();
    start(entries, width, height, Options::default())
}

/// An app showing the embedded samples, as `gijiroku` with no argument does.
pub fn app_with_samples(width: u16, height: u16) -> App {
    app_with_samples_and(width, height, Options::default())
}

/// The embedded samples with these options.
pub fn app_with_samples_and(width: u16, height: u16, options: Options) -> App {
    let entries = SAMPLES
        .iter()
        .flat_map(|(name, bytes)| entries_of(Source::Embedded { name, bytes }, DEFAULT_MAX_FILE_BYTES))
        .collect();
    start(entries, width, height, options)
}

pub fn start(entries: Vec<gijiroku::app::library::Entry>, width: u16, height: u16, options: Options) -> App {
    let mut app = App::new(options);
    app.resize(width, height);
    app.handle(gijiroku::app::event::Event::ScanStarted);
    app.add_entries(entries);
    run_effects_blocking(&mut app, DEFAULT_MAX_FILE_BYTES);
    app.scan_finished();
    app
}

/// Opens the sample (or file) whose file name is `name`, as choosing it in the list does.
pub fn open_named(app: &mut App, name: &str) {
    let entry = app.entries().iter().position(|e| e.source.file_name() == name).expect("no entry with that name");
    app.choose_entry(entry);
    run_effects_blocking(app, DEFAULT_MAX_FILE_BYTES);
}

/// Parses a key script: `gg } /委員<CR> n <C-d> <Esc> <Tab> <BS> <Space>`. Whitespace separates
/// tokens and is never a key; every other character is one key.
pub fn parse_keys(script: &str) -> Vec<Key> {
    let mut keys = Vec::new();
    let mut rest = script;
    while let Some(c) = rest.chars().next() {
        if c.is_whitespace() {
            rest = &rest[c.len_utf8()..];
            continue;
        }
        if c == '<'
            && let Some(end) = rest.find('>')
        {
            let name = &rest[1..end];
            let key = match name {
                "CR" | "Enter" => Key::new(KeyCode::Enter),
                "Esc" => Key::new(KeyCode::Esc),
                "Tab" => Key::new(KeyCode::Tab),
                "BS" => Key::new(KeyCode::Backspace),
                "Space" => Key::char(' '),
                "Up" => Key::new(KeyCode::Up),
                "Down" => Key::new(KeyCode::Down),
                "PgDn" => Key::new(KeyCode::PageDown),
                "PgUp" => Key::new(KeyCode::PageUp),
                "lt" => Key::char('<'),
                other => match other.strip_prefix("C-") {
                    Some(c) => Key::ctrl(c.chars().next().unwrap_or('?')),
                    None => panic!("unknown key <{other}> in script"),
                },
            };
            keys.push(key);
            rest = &rest[end + 1..];
            continue;
        }
        keys.push(Key::char(c));
        rest = &rest[c.len_utf8()..];
    }
    keys
}

/// Types a key script; returns the texts copied to the clipboard.
pub fn type_keys(app: &mut App, script: &str) -> Vec<String> {
    let mut copied = Vec::new();
    for key in parse_keys(script) {
        app.handle_key(key);
        copied.extend(run_effects_blocking(app, DEFAULT_MAX_FILE_BYTES));
    }
    copied
}

/// The screen as a test terminal shows it.
pub fn render(app: &App, theme: &Theme) -> Terminal<TestBackend> {
    let mut terminal = Terminal::new(TestBackend::new(app.width(), app.height())).expect("test backend");
    terminal.draw(|frame| gijiroku::view::draw(frame, app, theme)).expect("draw");
    terminal
}

/// The screen's text, one line per row, trailing spaces trimmed.
pub fn screen_text(app: &App) -> String {
    let terminal = render(app, &Theme::default());
    let buffer = terminal.backend().buffer();
    let mut out = String::new();
    for y in 0..buffer.area.height {
        let mut line = String::new();
        let mut skip = 0;
        for x in 0..buffer.area.width {
            if skip > 0 {
                skip -= 1;
                continue;
            }
            let cell = &buffer[(x, y)];
            line.push_str(cell.symbol());
            if let ratatui::buffer::CellDiffOption::ForcedWidth(w) = cell.diff_option {
                skip = w.get() - 1;
            } else if unicode_width::UnicodeWidthStr::width(cell.symbol()) == 2 {
                skip = 1;
            }
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

/// The status line (last row).
pub fn status_line(app: &App) -> String {
    screen_text(app).lines().last().unwrap_or("").to_owned()
}
