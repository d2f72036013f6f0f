//! The config file: the shipped default file is complete and equals the built-in defaults;
//! every invalid file in tests/fixtures/config/invalid fails at its line and column with a
//! message naming the valid choices; key overrides change what keys do in the real `App`.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use gijiroku::app::action::Action;
use gijiroku::app::library::Source;
use gijiroku::app::{App, Options};
use gijiroku::config::style::ColorDepth;
use gijiroku::config::{self, AmbiguousSetting, ColorMode, Config, DEFAULT_CONFIG};
use gijiroku::core::width::AmbiguousWidth;
use gijiroku::keymap::key::{Key, parse_sequence};
use gijiroku::keymap::{Keymap, Mode, Resolution};
use gijiroku::runtime::workers::{SAMPLES, entries_of, load};
use gijiroku::view::theme::{STYLE_NAMES, Theme};
use ratatui::style::{Color, Modifier, Style};

fn parse(text: &str) -> Result<Config, config::ConfigError> {
    config::parse(text, Path::new("/home/me/.config/gijiroku/config.toml"))
}

#[test]
fn the_shipped_default_config_parses_and_equals_the_built_in_defaults() {
    let parsed = parse(DEFAULT_CONFIG).unwrap_or_else(|err| panic!("{err}"));
    assert_eq!(parsed, Config::default());
    assert_eq!(parse("").unwrap(), Config::default());
    let mut options = Options { list_width: 50, kana_fold: false, ..Options::default() };
    let mut theme = Theme::monochrome();
    parsed.apply(&mut options, &mut theme);
    assert_eq!(options, Options::default());
}

/// The `[keys.*]` tables of the default file list exactly the default bindings, so that the
/// file documents every key (a binding left out would still parse to the defaults).
#[test]
fn the_shipped_default_config_lists_every_default_binding_and_style() {
    let table: toml::Table = toml::from_str(DEFAULT_CONFIG).unwrap();
    let defaults = Keymap::defaults();
    for mode in Mode::ALL {
        let written = table["keys"][mode.name()].as_table().unwrap_or_else(|| panic!("[keys.{mode}] missing"));
        let written: BTreeSet<(Vec<Key>, Action)> = written
            .iter()
            .map(|(keys, action)| {
                let keys = parse_sequence(keys).unwrap().into_iter().map(Key::normalized).collect();
                (keys, action.as_str().unwrap().parse().unwrap())
            })
            .collect();
        let expected: BTreeSet<(Vec<Key>, Action)> = defaults.bindings(mode).map(|(k, a)| (k.to_vec(), a)).collect();
        assert_eq!(written, expected, "[keys.{mode}]");
    }
    let theme = table["theme"].as_table().unwrap();
    for name in STYLE_NAMES {
        assert!(theme.contains_key(*name), "[theme] {name} missing");
    }
    for setting in ["library", "ambiguous_width", "list_width", "kana_fold", "sort", "max_file_mb"] {
        assert!(table.contains_key(setting), "{setting} missing");
    }
}

#[test]
fn every_action_has_a_default_binding_in_a_mode_where_it_applies() {
    let keymap = Keymap::defaults();
    for action in Action::ALL {
        let modes: Vec<Mode> = Mode::ALL.into_iter().filter(|m| !keymap.keys_for(*m, *action).is_empty()).collect();
        assert!(!modes.is_empty(), "{action} has no binding");
        let expected = match action.section() {
            gijiroku::app::action::Section::Prompt => Some(Mode::Prompt),
            gijiroku::app::action::Section::Picker => Some(Mode::Picker),
            gijiroku::app::action::Section::Move | gijiroku::app::action::Section::Structure => Some(Mode::Reader),
            _ => None,
        };
        if let Some(mode) = expected {
            assert!(modes.contains(&mode), "{action} is not bound in {mode} (only in {modes:?})");
        }
    }
}

fn invalid_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/config/invalid")
}

#[test]
fn every_invalid_config_fails_at_its_line_and_column_naming_the_choices() {
    let mut files: Vec<PathBuf> = std::fs::read_dir(invalid_dir())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .collect();
    files.sort();
    assert!(files.len() >= 9, "the invalid configs are missing");
    for file in &files {
        let expected_path = file.with_extension("expected");
        let expected = std::fs::read_to_string(&expected_path)
            .unwrap_or_else(|_| panic!("{} has no {}", file.display(), expected_path.display()));
        let mut lines = expected.lines();
        let position = lines.next().unwrap();
        let err = match config::load_file(file) {
            Ok(_) => panic!("{} parsed", file.display()),
            Err(err) => err,
        };
        let shown = err.to_string();
        let prefix = format!("{}:{position}: ", file.display());
        assert!(shown.starts_with(&prefix), "{shown}\nshould start with {prefix}");
        assert_eq!(err.path, *file);
        for needle in lines.filter(|l| !l.is_empty()) {
            assert!(shown.contains(needle), "{shown}\nshould contain {needle}");
        }
        assert!(!shown.contains('\n'), "one line: {shown}");
    }
}

#[test]
fn settings_merge_over_the_defaults() {
    let config = parse(
        "library = [\"~/minutes\", \"gikai\", \"/srv/m\"]\nambiguous_width = \"auto\"\nlist_width = 40\n\
         kana_fold = false\nsort = \"oldest_first\"\nmax_file_mb = 8\n[theme]\ncolors = 16\n\
         hit = \"bold #ff8800 on color20\"\n",
    )
    .unwrap();
    let home = directories::BaseDirs::new().unwrap().home_dir().to_path_buf();
    assert_eq!(
        config.library_dirs(),
        [home.join("minutes"), PathBuf::from("/home/me/.config/gijiroku/gikai"), PathBuf::from("/srv/m")]
    );
    assert_eq!(config.ambiguous(), AmbiguousSetting::Auto);
    assert_eq!(config.max_file_bytes(), 8 * 1024 * 1024);
    assert_eq!(config.color_mode(), ColorMode::Ansi16);
    let mut options = Options::default();
    let mut theme = Theme::default();
    config.apply(&mut options, &mut theme);
    assert_eq!((options.list_width, options.kana_fold, options.newest_first), (40, false, false));
    // `auto` leaves the ambiguous width to the caller's probe.
    assert_eq!(options.ambiguous, AmbiguousWidth::Narrow);
    let written = Style::new().add_modifier(Modifier::BOLD).fg(Color::Rgb(255, 136, 0)).bg(Color::Indexed(20));
    assert_eq!(config.theme().hit, written);
    let ansi = config.theme_for(ColorDepth::Ansi16).hit;
    assert_eq!((ansi.fg, ansi.bg), (Some(Color::Yellow), Some(Color::Blue)));
    if std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()) {
        assert_eq!(theme.hit, ansi, "colors = 16 applies whatever the terminal says");
    }
    // Monochrome keeps attributes; a hit style with colours only falls back to reverse video.
    assert_eq!(config.theme_for(ColorDepth::Mono).hit, Style::new().add_modifier(Modifier::BOLD));
    let plain = parse("[theme]\nhit = \"black on yellow\"\ncolors = \"none\"\n").unwrap();
    let mut theme = Theme::default();
    plain.apply(&mut Options::default(), &mut theme);
    assert_eq!(theme, Theme::monochrome());
}

#[test]
fn bindings_do_not_depend_on_their_order_in_the_file() {
    for text in
        ["[keys.reader]\n\"g\" = \"top\"\n\"g g\" = \"none\"\n", "[keys.reader]\n\"g g\" = \"none\"\n\"g\" = \"top\"\n"]
    {
        let config = parse(text).unwrap_or_else(|err| panic!("{err}"));
        assert_eq!(config.keymap().resolve(Mode::Reader, &[Key::char('g')]), Resolution::Matched(Action::Top));
        // Other modes keep their `g g`.
        assert_eq!(config.keymap().resolve(Mode::List, &[Key::char('g')]), Resolution::Pending);
    }
    let config = parse("[keys.reader]\n\"C-d\" = \"page_down\"\n\"<F5>\" = \"redraw\"\n").unwrap();
    assert_eq!(config.keymap().resolve(Mode::Reader, &[Key::ctrl('d')]), Resolution::Matched(Action::PageDown));
}

/// An app showing the assembly sample in the reader, with the config's options.
fn app_with(config_text: &str) -> App {
    let config = parse(config_text).unwrap_or_else(|err| panic!("{err}"));
    let mut options = Options::default();
    config.apply(&mut options, &mut Theme::default());
    let mut app = App::new(options);
    app.resize(100, 20);
    let (name, bytes) = SAMPLES.iter().find(|(name, _)| name.contains("assembly")).unwrap();
    let source = Source::Embedded { name, bytes };
    app.add_entries(entries_of(source.clone(), u64::MAX));
    app.take_effects();
    let meeting = load(&source, 0, u64::MAX).unwrap();
    app.meeting_loaded(0, Ok(Arc::new(meeting)));
    app.scan_finished();
    assert!(app.reader().is_some());
    app
}

fn top(app: &App) -> usize {
    app.reader().unwrap().top()
}

#[test]
fn a_key_bound_in_the_config_does_its_action() {
    let mut app = app_with("[keys.reader]\n\"x\" = \"line_down\"\n");
    assert_eq!(top(&app), 0);
    app.handle_key(Key::char('x'));
    assert_eq!(top(&app), 1);
    app.handle_key(Key::char('x'));
    assert_eq!(top(&app), 2);
    // The defaults stay.
    app.handle_key(Key::char('k'));
    assert_eq!(top(&app), 1);
    // Without the config, `x` is not bound.
    let mut plain = app_with("");
    plain.handle_key(Key::char('x'));
    assert_eq!(top(&plain), 0);
    assert!(plain.message().as_ref().is_some_and(|m| m.text.contains("not bound")));
}

#[test]
fn an_unbound_key_does_nothing_but_say_so() {
    let mut app = app_with("[keys.reader]\n\"j\" = \"none\"\n\"ctrl-d\" = \"line_down\"\n");
    app.handle_key(Key::char('j'));
    assert_eq!(top(&app), 0);
    let message = app.message().map(|m| m.text.clone()).unwrap_or_default();
    assert!(message.contains("j is not bound"), "{message}");
    app.handle_key(Key::ctrl('d'));
    assert_eq!(top(&app), 1, "ctrl-d rebound from half a page to one line");
    // A sequence bound by the config.
    let mut app = app_with("[keys.reader]\n\"space\" = \"none\"\n\"space space\" = \"bottom\"\n");
    app.handle_key(Key::char(' '));
    assert_eq!(top(&app), 0);
    app.handle_key(Key::char(' '));
    assert!(top(&app) > 1);
}
