//! Issue 15, "what a new user trips over": each defect pinned on the real App (key scenarios and
//! screens, no terminal), named after the defect. The end-to-end ones (exit codes, the screen
//! never taken) are in tests/e2e/newcomer.rs.

mod common;

use std::path::PathBuf;

use common::app::{app_with_files, app_with_samples, screen_text, status_line, type_keys};
use gijiroku::app::App;

/// Rows of the meeting list that show an entry (a date in the first columns).
fn listed_rows(app: &App) -> usize {
    screen_text(app)
        .lines()
        .skip(1)
        .filter(|line| {
            let rest: String = line.chars().skip(1).take(10).collect();
            rest.len() == 10 && rest.chars().nth(4) == Some('-') && rest.chars().nth(7) == Some('-')
        })
        .count()
}

/// A library of `n` small meetings in a temporary directory.
fn library(n: usize) -> (tempfile::TempDir, Vec<PathBuf>) {
    let dir = tempfile::tempdir().unwrap();
    let paths = (1..=n)
        .map(|i| {
            let path = dir.path().join(format!("m{i:02}.txt"));
            let text = format!(
                "第{i}回 架空市文化委員会 議事要旨\n\n1 日 時\n\n2020年1月{i}日\n\n[森委員]\n\n第{i}回の発言です。\n"
            );
            std::fs::write(&path, text).unwrap();
            path
        })
        .collect();
    (dir, paths)
}

/// Defect 1: with four meetings and the third open, `z z`, a resize to 40×12 and back, or `h` at
/// 40×12 scrolled the list so that the open meeting was its first row; the two newer meetings
/// were gone though all four fit, with no sign of them.
#[test]
fn the_meeting_list_lost_rows_above_the_selection() {
    let third_open = || {
        let mut app = app_with_samples(80, 24);
        type_keys(&mut app, "<Tab>jj<CR>");
        assert_eq!(app.list().cursor(), 2);
        app
    };
    let mut app = third_open();
    type_keys(&mut app, "zz");
    assert_eq!(listed_rows(&app), 4, "after z z:\n{}", screen_text(&app));

    let mut app = third_open();
    app.resize(40, 12);
    app.resize(80, 24);
    assert_eq!(listed_rows(&app), 4, "after a resize:\n{}", screen_text(&app));

    let mut app = third_open();
    app.resize(40, 12);
    type_keys(&mut app, "h");
    assert_eq!(listed_rows(&app), 4, "after h at 40×12:\n{}", screen_text(&app));
}

/// Defect 1, second half: rows scrolled out of the list are counted in its header, and the
/// status line gives the list's own position when it has the focus.
#[test]
fn hidden_list_rows_are_marked_above_and_below() {
    let (_dir, paths) = library(20);
    let refs: Vec<&std::path::Path> = paths.iter().map(PathBuf::as_path).collect();
    let mut app = app_with_files(&refs, 80, 12);
    type_keys(&mut app, "<Tab>gg15j");
    let screen = screen_text(&app);
    let header = screen.lines().next().unwrap();
    // Ten rows shown (12 - header - status), the sixteenth selected at the bottom.
    assert!(header.contains("▲6") && header.contains("▼4"), "{header}");
    assert!(status_line(&app).contains("list 16/20"), "{}", status_line(&app));
    type_keys(&mut app, "gg");
    let header = screen_text(&app).lines().next().unwrap().to_owned();
    assert!(!header.contains('▲') && header.contains("▼10"), "{header}");
}

/// Defect 6: with a speaker filter, `3G` said "no turn 3 shown" and then went to the end anyway.
#[test]
fn a_failed_turn_jump_stays_put() {
    let mut app = app_with_samples(80, 24);
    common::app::open_named(&mut app, "01_summary.txt");
    type_keys(&mut app, "s堀委員<CR>}");
    let top = app.reader().unwrap().top();
    let hidden = {
        let reader = app.reader().unwrap();
        (1..=reader.speech_total()).find(|&n| {
            let turn = (0..reader.meeting().turns.len()).find(|&t| reader.speech_number(t) == Some(n)).unwrap();
            !reader.is_turn_shown(turn)
        })
    }
    .expect("a turn hidden by the filter");
    type_keys(&mut app, &format!("{hidden}G"));
    assert_eq!(app.reader().unwrap().top(), top, "the view moved");
    assert!(app.message().is_some_and(|m| m.text.contains("hidden by a filter")), "{:?}", app.message());
    type_keys(&mut app, "999G");
    assert_eq!(app.reader().unwrap().top(), top, "the view moved");
    type_keys(&mut app, "C1G");
    assert!(status_line(&app).contains("turn 1/"), "{}", status_line(&app));
}

/// Defect 5: `z` did nothing below 60 columns, silently. At one-pane sizes it switches between
/// the list and the reader; with no meeting open it says why it cannot act.
#[test]
fn z_switches_panes_at_one_pane_sizes() {
    let mut app = app_with_samples(50, 20);
    assert!(app.panes().reader.is_some() && app.panes().list.is_none());
    type_keys(&mut app, "z");
    assert!(app.panes().list.is_some() && app.panes().reader.is_none(), "z shows the list");
    assert!(status_line(&app).contains("list 1/4"), "{}", status_line(&app));
    type_keys(&mut app, "z");
    assert!(app.panes().reader.is_some() && app.panes().list.is_none(), "z comes back to the reader");
    let mut empty = App::new(Default::default());
    empty.resize(50, 20);
    type_keys(&mut empty, "z");
    assert!(empty.message().as_ref().is_some_and(|m| m.text.contains("no meeting is open")), "{:?}", empty.message());
}

/// `N%` goes N percent of the way through, as in less and vim; `%` alone says what it wants.
#[test]
fn n_percent_jumps_to_a_percentage() {
    let mut app = app_with_samples(80, 24);
    common::app::open_named(&mut app, "02_assembly.txt");
    type_keys(&mut app, "50%");
    assert!(status_line(&app).contains(" 50%"), "{}", status_line(&app));
    type_keys(&mut app, "100%");
    assert!(status_line(&app).contains(" 100%"), "{}", status_line(&app));
    type_keys(&mut app, "<C-o>");
    assert!(status_line(&app).contains(" 50%"), "the jump list remembers: {}", status_line(&app));
    type_keys(&mut app, "%");
    assert!(app.message().is_some_and(|m| m.text.contains("50%")), "{:?}", app.message());
}

/// Defect 2: a binary file opened as a meeting of Shift_JIS garbage. It is held back, with a
/// notice and the key that shows it anyway, as `less` asks.
#[test]
fn a_binary_file_is_held_back_until_asked() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("program.txt");
    let mut rng_state = 7u32;
    let bytes: Vec<u8> = (0..20_000)
        .map(|i| {
            rng_state = rng_state.wrapping_mul(1_103_515_245).wrapping_add(12_345);
            if i % 7 == 0 { 0 } else { (rng_state >> 16) as u8 }
        })
        .collect();
    std::fs::write(&path, bytes).unwrap();
    let mut app = app_with_files(&[&path], 80, 24);
    let screen = screen_text(&app);
    assert!(screen.contains("program.txt looks like a binary file"), "{screen}");
    assert!(screen.contains("Enter shows it anyway"), "{screen}");
    type_keys(&mut app, "j");
    assert!(app.reader().unwrap().held_back());
    type_keys(&mut app, "<CR>");
    assert!(!app.reader().unwrap().held_back());
    assert!(!screen_text(&app).contains("looks like a binary file"));
}

/// Defect 3: help notes were cut with "…" even at 120 columns. They wrap, and `G` reaches the end.
#[test]
fn help_notes_wrap_instead_of_ending_in_an_ellipsis() {
    for (w, h) in [(120, 40), (80, 24), (50, 20)] {
        let mut app = app_with_samples(w, h);
        type_keys(&mut app, "HG");
        let screen = screen_text(&app);
        let joined: String =
            screen.lines().map(|l| l.trim_matches(|c| c == '│' || c == ' ')).collect::<Vec<_>>().join(" ");
        assert!(joined.contains("leaves the mouse to the terminal)"), "{w}x{h}:\n{screen}");
        assert!(joined.contains("stray PDF") && joined.contains("are folded"), "{w}x{h}:\n{screen}");
        let body: Vec<&str> = screen.lines().skip(1).take(h as usize - 3).collect();
        assert!(body.iter().all(|l| !l.contains('…')), "{w}x{h}: a cut line\n{screen}");
    }
}

/// Defect 3: reading problems in `S` were cut with "…"; they wrap, and scrolling goes on past
/// the last speaker and agenda row down to them.
#[test]
fn reading_problems_in_statistics_are_shown_whole() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("broken.txt");
    let mut bytes = "架空市委員会 議事要旨\n\n".as_bytes().to_vec();
    for n in 0..12 {
        bytes.extend_from_slice(format!("[委員{n}]\n\n発言{n}。\n\n").as_bytes());
    }
    bytes.extend_from_slice(b"[\xE4\xBC]\n\n\xE8\xAD\xB0\xE4 text \xF0\x9F\x98\n");
    std::fs::write(&path, bytes).unwrap();
    let mut app = app_with_files(&[&path], 50, 16);
    let problems: Vec<String> = {
        let meeting = app.reader().unwrap().meeting().clone();
        meeting
            .diagnostics
            .iter()
            .filter(|d| d.severity >= gijiroku::core::meeting::Severity::Warning)
            .map(|d| d.to_string())
            .collect()
    };
    assert!(!problems.is_empty());
    type_keys(&mut app, "SG");
    let screen = screen_text(&app);
    let joined: String = screen.lines().map(|l| l.trim_matches(|c| c == '│' || c == ' ')).collect::<Vec<_>>().join("");
    let compact = |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>();
    let last = problems.last().unwrap();
    assert!(compact(&joined).contains(&compact(last)), "{last:?} not whole in\n{screen}");
}

/// Defect 3: a message too long for the status line was cut for good. It is cut with the key
/// that shows it, and `M` opens the session's messages, each whole (vim's `:messages`).
#[test]
fn a_long_message_names_the_key_and_the_log_shows_it_whole() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("a_program_with_a_long_file_name.txt");
    // NULs every seventh byte: at odd and even offsets alike, so not taken for UTF-16.
    let bytes: Vec<u8> = (0..20_000u32).map(|i| if i % 7 == 0 { 0 } else { (i * 37 % 251 + 1) as u8 }).collect();
    std::fs::write(&path, bytes).unwrap();
    let mut app = app_with_files(&[&path], 50, 20);
    let message = app.message().expect("the binary notice").text.clone();
    assert!(message.chars().count() > 50, "{message}");
    let status = status_line(&app);
    assert!(status.contains("(M: all)"), "{status}");
    type_keys(&mut app, "M");
    let screen = screen_text(&app);
    let joined: String = screen.lines().map(|l| l.trim_matches(|c| c == '│' || c == ' ')).collect::<Vec<_>>().join(" ");
    assert!(joined.contains("shows it anyway"), "{screen}");
    assert!(joined.contains("a_program_with_a_long_file_name.txt"), "{screen}");
}

/// Defect 3: the summary line under the title ended in "· 2 age…" while `print` wrapped it.
#[test]
fn the_summary_line_wraps_like_print() {
    let mut app = app_with_samples(50, 20);
    common::app::open_named(&mut app, "01_summary.txt");
    type_keys(&mut app, "gg");
    let screen = screen_text(&app);
    let top = screen.lines().take(6).collect::<Vec<_>>().join(" ");
    assert!(top.contains("2 agenda items"), "{screen}");
    assert!(!top.contains('…'), "{screen}");
}

/// Defect 7: romaji narrowing flickered while typing (`k` nothing, `ku` 黒田, `kur` nothing,
/// `kuro` 黒田): a half-typed syllable was matched as typed.
#[test]
fn romaji_narrowing_does_not_flicker_while_typing() {
    let mut app = app_with_samples(80, 24);
    common::app::open_named(&mut app, "04_kokkai.json");
    type_keys(&mut app, "s");
    for c in "kuroda".chars() {
        type_keys(&mut app, &c.to_string());
        let Some(gijiroku::app::overlay::Overlay::Picker(picker)) = app.overlay() else { panic!("no picker") };
        let names: Vec<&str> = picker.shown().iter().map(|&i| picker.speakers()[i].speaker.as_str()).collect();
        assert!(names.iter().any(|n| n.starts_with("黒田")), "after {:?}: {names:?}", picker.query());
    }
}

/// Defect 13: the text under an overlay showed in fragments beside its box (`改│`, `│的`).
#[test]
fn overlay_boxes_leave_no_fragments_beside_them() {
    for keys in ["5}H", "5}s", "5}S"] {
        let mut app = app_with_samples(80, 24);
        common::app::open_named(&mut app, "01_summary.txt");
        type_keys(&mut app, keys);
        let screen = screen_text(&app);
        for line in screen.lines().skip(1).take(21) {
            let before: String = line.chars().take(2).collect();
            assert_eq!(before.trim(), "", "{keys}: {line:?}\n{screen}");
            assert!(line.ends_with(['│', '┐', '┘']), "{keys}: {line:?}\n{screen}");
        }
    }
}

/// Defect 13: at 20 columns the speaker picker dropped the names and kept the counts.
#[test]
fn a_narrow_picker_keeps_names_before_counts() {
    let mut app = app_with_samples(20, 12);
    common::app::open_named(&mut app, "01_summary.txt");
    type_keys(&mut app, "s");
    let screen = screen_text(&app);
    assert!(screen.contains("環境政策課") && screen.contains("川村委員"), "{screen}");
}

/// Defect 13: Markdown `##` was shown raw in headings.
#[test]
fn markdown_heading_marks_are_not_shown() {
    let mut app = app_with_samples(80, 24);
    common::app::open_named(&mut app, "03_notes.md");
    type_keys(&mut app, "]]");
    let screen = screen_text(&app);
    assert!(screen.contains("1. 前回からの進捗") && !screen.contains("## "), "{screen}");
}

/// Defect 13: opening a meeting from a list search took two Enters where the README says one.
#[test]
fn one_enter_opens_a_meeting_from_a_list_search() {
    let mut app = app_with_samples(80, 24);
    type_keys(&mut app, "<Tab>/樹木<CR>");
    let reader = app.reader().expect("open");
    assert_eq!(app.focus(), gijiroku::app::Focus::Reader);
    assert_eq!(app.entries()[reader.entry()].source.file_name(), "01_summary.txt");
    assert_eq!(reader.hit_position().map(|(i, _)| i), Some(1), "at its first match");
}

/// Defect 8 at start-up: the config is checked as `config --check` does (tests/config.rs runs
/// the fixture `action_not_for_this_mode.toml`); here, the error names the valid actions.
#[test]
fn an_action_bound_in_the_wrong_mode_is_refused() {
    let err = gijiroku::config::parse("[keys.reader]\n\"x\" = \"picker_jump\"\n", std::path::Path::new("c.toml"))
        .expect_err("refused");
    let text = err.to_string();
    assert!(text.contains("does nothing in [keys.reader]") && text.contains("yank_turn"), "{text}");
    assert!(
        gijiroku::config::parse("[keys.picker]\n\"ctrl-j\" = \"picker_jump\"\n", std::path::Path::new("c.toml"))
            .is_ok()
    );
}

/// Expected from lazygit: the list pane widens with the terminal (it stayed 30 wide at 120
/// columns), and a leading year that the date column repeats gives way to the part of the title
/// that tells meetings apart (`令和6年度（202…` could not be told apart at 80×24).
#[test]
fn the_list_follows_the_terminal_width_and_shows_the_distinctive_part() {
    for (w, expected) in [(80, 30), (120, 36), (200, 60)] {
        let app = app_with_samples(w, 24);
        assert_eq!(app.panes().list.map(|a| a.width), Some(expected), "{w}");
    }
    let app = app_with_samples(80, 24);
    let screen = screen_text(&app);
    assert!(screen.lines().any(|l| l.starts_with(" 2024-07-23 第1回 星見市")), "{screen}");
}

/// Expected from lazygit: moving in the list shows the selected meeting in the reader beside
/// it, the focus staying in the list.
#[test]
fn moving_in_the_list_previews_the_meeting() {
    let mut app = app_with_samples(80, 24);
    type_keys(&mut app, "<Tab>j");
    assert_eq!(app.focus(), gijiroku::app::Focus::List);
    let selected = app.list().selected().unwrap();
    assert_eq!(app.reader().map(|r| r.entry()), Some(selected), "the reader shows the selection");
    type_keys(&mut app, "j");
    assert_eq!(app.reader().map(|r| r.entry()), app.list().selected());
    assert_eq!(app.focus(), gijiroku::app::Focus::List);
    // One pane at a time: nothing to preview in, nothing loaded.
    let mut narrow = app_with_samples(50, 20);
    type_keys(&mut narrow, "<Tab>j");
    assert_ne!(narrow.reader().as_ref().map(|r| r.entry()), narrow.list().selected());
}

/// Expected from less, vim and lazygit: the wheel scrolls the pane under the pointer, a click
/// selects a list entry (a second click opens it) or focuses a pane, a click on a picker row
/// picks it.
#[test]
fn the_mouse_scrolls_selects_and_picks() {
    use gijiroku::app::mouse::{Mouse, MouseKind};
    let at = |kind, column, row| Mouse { kind, column, row };
    let click = |app: &mut App, event: Mouse| {
        app.mouse(event);
        gijiroku::runtime::workers::run_effects_blocking(app, gijiroku::library::DEFAULT_MAX_FILE_BYTES);
    };
    let mut app = app_with_samples(80, 24);
    common::app::open_named(&mut app, "01_summary.txt");
    let top = app.reader().unwrap().top();
    click(&mut app, at(MouseKind::ScrollDown, 50, 10));
    assert_eq!(app.reader().unwrap().top(), top + 3, "the wheel over the reader scrolls it");
    click(&mut app, at(MouseKind::Click, 5, 1));
    assert_eq!((app.focus(), app.list().cursor()), (gijiroku::app::Focus::List, 0), "a click selects the first entry");
    assert_eq!(app.reader().map(|r| r.entry()), app.list().selected(), "and previews it");
    click(&mut app, at(MouseKind::Click, 5, 1));
    assert_eq!(app.focus(), gijiroku::app::Focus::Reader, "a second click opens it");
    click(&mut app, at(MouseKind::Click, 5, 20));
    assert_eq!(app.focus(), gijiroku::app::Focus::Reader, "a click below the entries selects nothing");
    common::app::open_named(&mut app, "01_summary.txt");
    type_keys(&mut app, "s");
    let Some(gijiroku::app::overlay::Overlay::Picker(picker)) = app.overlay() else { panic!("no picker") };
    let second = picker.speakers()[picker.shown()[1]].speaker.clone();
    // The box is inset by one row; its first inner row is the query, then the items.
    let inner = app.overlay_inner();
    click(&mut app, at(MouseKind::Click, inner.x + 6, inner.y + 2));
    assert!(app.overlay().is_none(), "the click picked");
    assert_eq!(app.reader().unwrap().filters().speakers, [second]);
}

/// `R` reads the open meeting's file again, keeping the place by turn and paragraph, the filters
/// and the search.
#[test]
fn r_reloads_keeping_the_place_the_filters_and_the_search() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("minutes.txt");
    let text = |edition: &str| {
        let mut text = String::from("改訂される委員会 議事要旨\n\n");
        for n in 1..=30 {
            let who = if n % 2 == 0 { "森委員" } else { "堀委員" };
            text.push_str(&format!("[{who}]\n\n第{n}の発言、{edition}です。\n\n"));
        }
        text
    };
    std::fs::write(&path, text("初版")).unwrap();
    let mut app = app_with_files(&[&path], 80, 24);
    type_keys(&mut app, "s森委員<CR>/発言<CR>5}");
    let before = app.reader().unwrap().current_speech();
    std::fs::write(&path, text("第二版")).unwrap();
    app.file_changed(app.reader().unwrap().entry());
    assert!(app.message().is_some_and(|m| m.text.contains("changed on disk")));
    type_keys(&mut app, "R");
    let reader = app.reader().unwrap();
    assert!(reader.meeting().turns.iter().any(|t| t.paragraphs.iter().any(|p| p.contains("第二版"))));
    assert_eq!(reader.current_speech(), before, "the same turn");
    assert_eq!(reader.filters().speakers, ["森委員"]);
    assert_eq!(reader.search().query(), "発言");
    assert!(app.changed().is_empty());
}

/// Expected of citations: `y` names the file and the source line range, by a template the
/// config can change (`citation`), not only the meeting.
#[test]
fn a_citation_names_the_file_and_its_lines_by_a_template() {
    let mut app = app_with_samples(80, 24);
    common::app::open_named(&mut app, "01_summary.txt");
    let copied = type_keys(&mut app, "3}y");
    let citation = copied[0].trim_end().lines().last().unwrap().to_owned();
    let reader = app.reader().unwrap();
    let turn = reader.meeting().turns[reader.current_speech().unwrap()].clone();
    let lines = if turn.lines.last > turn.lines.first {
        format!("{}–{}", turn.lines.first, turn.lines.last)
    } else {
        turn.lines.first.to_string()
    };
    assert!(citation.starts_with("— ") && citation.ends_with(&format!("(01_summary.txt:{lines})")), "{citation}");
    let options = gijiroku::app::Options { citation: "{file}:{first}: {speaker}".into(), ..Default::default() };
    let mut app = common::app::app_with_samples_and(80, 24, options);
    common::app::open_named(&mut app, "01_summary.txt");
    let copied = type_keys(&mut app, "3}y");
    let citation = copied[0].trim_end().lines().last().unwrap().to_owned();
    assert_eq!(citation, format!("01_summary.txt:{}: {}", turn.lines.first, turn.speaker.clone().unwrap()));
}

/// Found while trying the README's `Tab jjj Enter` at full speed: previews of the list's
/// selection finish in any order, and an earlier one finishing last took the reader (and the
/// focus) back to a meeting the list had moved past.
#[test]
fn a_preview_that_finishes_late_does_not_take_the_reader_back() {
    use gijiroku::app::Effect;
    let mut app = app_with_samples(80, 24);
    type_keys(&mut app, "<Tab>");
    let mut loads = Vec::new();
    for _ in 0..2 {
        app.handle_key(gijiroku::keymap::key::Key::char('j'));
        loads.extend(app.take_effects().into_iter().filter(|e| matches!(e, Effect::Load { .. })));
    }
    assert_eq!(loads.len(), 2);
    for effect in loads.into_iter().rev() {
        let Effect::Load { entry, source, index_in_file } = effect else { continue };
        let meeting =
            gijiroku::runtime::workers::load(&source, index_in_file, gijiroku::library::DEFAULT_MAX_FILE_BYTES)
                .unwrap();
        app.meeting_loaded(entry, Ok(std::sync::Arc::new(meeting)));
    }
    assert_eq!(app.focus(), gijiroku::app::Focus::List);
    assert_eq!(app.reader().map(|r| r.entry()), app.list().selected());
}

/// Found with the README's `Tab jjj Enter 8} /放課後 Enter` typed at once: the keys after Enter
/// reached the list (the `/` became a list filter) because the meeting was still loading. Keys
/// typed while an opened meeting loads now wait for it.
#[test]
fn keys_typed_while_an_opened_meeting_loads_are_for_it() {
    use gijiroku::app::Effect;
    use gijiroku::keymap::key::{Key, KeyCode};
    let mut app = app_with_samples(80, 24);
    type_keys(&mut app, "<Tab>jjj");
    common::app::open_named(&mut app, "03_notes.md");
    type_keys(&mut app, "<Tab>");
    for key in ['g', 'g', 'j', 'j', 'j'] {
        app.handle_key(Key::new(KeyCode::Char(key)));
    }
    assert_eq!(app.list().cursor(), 3);
    app.handle_key(Key::new(KeyCode::Enter));
    let loads: Vec<Effect> = app.take_effects();
    for key in common::app::parse_keys("8}/放課後<CR>") {
        app.handle_key(key);
    }
    assert!(app.prompt().is_none() && app.list().filter().is_empty(), "the keys waited");
    for effect in loads {
        let Effect::Load { entry, source, index_in_file } = effect else { continue };
        let meeting =
            gijiroku::runtime::workers::load(&source, index_in_file, gijiroku::library::DEFAULT_MAX_FILE_BYTES)
                .unwrap();
        app.meeting_loaded(entry, Ok(std::sync::Arc::new(meeting)));
    }
    gijiroku::runtime::workers::run_effects_blocking(&mut app, gijiroku::library::DEFAULT_MAX_FILE_BYTES);
    assert_eq!(app.focus(), gijiroku::app::Focus::Reader);
    assert!(app.list().filter().is_empty(), "no list filter");
    assert_eq!(app.reader().unwrap().search().query(), "放課後");
    assert!(status_line(&app).contains("turn "), "{}", status_line(&app));
}

/// Defect 3, the rest: `S` cut long agenda titles with "…" at any width (a committee's item
/// titles run past 60 characters). They wrap beside their figures and are read whole.
#[test]
fn statistics_cut_long_agenda_titles() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("long_agenda.txt");
    let title = "市民の森の樹木管理方針及び倒木の危険がある樹木の伐採計画並びに跡地の植樹計画について";
    let minutes = format!(
        "長い議題の委員会 議事要旨\n\n1 次 第\n\n①{title}\n\n2 議事録（要旨）\n\n議事①{title}\n\n[森委員]\n\n質問しました。\n\n[林委員]\n\n答えました。\n"
    );
    std::fs::write(&path, minutes).unwrap();
    let mut app = common::app::app_with_files(&[&path], 60, 24);
    type_keys(&mut app, "S");
    let screen = common::app::screen_text(&app);
    let body: Vec<&str> = screen.lines().filter(|l| l.starts_with('│')).collect();
    assert!(body.iter().all(|l| !l.contains('…')), "nothing cut in the overlay:\n{screen}");
    let joined: String =
        body.iter().map(|l| l.replace(['│', ' '], "").replace(|c: char| c.is_ascii_digit(), "")).collect();
    assert!(joined.contains(title), "the whole title, over several lines:\n{screen}");
}

/// Issue 11: a file holding several meetings (a year of notes, a research corpus file) listed
/// them as entries that did not say where they came from. With the list focused, the status
/// line names the file and the meeting's number in it.
#[test]
fn entries_of_a_file_of_several_meetings_did_not_name_the_file_and_number() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/multi/archive.md");
    let mut app = app_with_files(&[&path], 100, 24);
    let total = app.entries().len();
    assert!(total > 1, "the fixture holds several meetings");
    type_keys(&mut app, "<Tab>gg");
    let status = status_line(&app);
    let first = app.list().selected().and_then(|e| app.meeting_in_file(e)).expect("a meeting of several");
    assert!(status.contains("archive.md") && status.contains(&format!("(meeting {} of {total})", first.0)), "{status}");
}

/// Defect 3, the rest: a picker row too long for the box (an agenda item's title) was cut with
/// "…" and could not be read whole. The foot of the picker shows the row under the cursor whole.
#[test]
fn picker_rows_cut_long_agenda_titles() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("long_agenda.txt");
    let long = "市民の森の樹木管理方針及び倒木の危険がある樹木の伐採計画並びに跡地の植樹計画について";
    let minutes = format!(
        "長い議題の委員会 議事要旨\n\n1 次 第\n\n①{long}\n\n②短い議題\n\n2 議事録（要旨）\n\n議事①{long}\n\n[森委員]\n\n質問しました。\n\n議事②短い議題\n\n[林委員]\n\n答えました。\n"
    );
    std::fs::write(&path, minutes).unwrap();
    let mut app = common::app::app_with_files(&[&path], 60, 24);
    type_keys(&mut app, "a");
    let screen = common::app::screen_text(&app);
    let body: Vec<&str> = screen.lines().filter(|l| l.starts_with('│')).collect();
    assert!(body.iter().any(|l| l.contains('②')), "every item still listed:\n{screen}");
    let foot: String = body[body.len() - 2..].iter().map(|l| l.replace(['│', ' '], "")).collect();
    assert!(foot.contains(long), "the title under the cursor is read whole at the foot:\n{screen}");
    // The cursor on the short item: the foot follows it.
    type_keys(&mut app, "<Down>");
    let screen = common::app::screen_text(&app);
    let body: Vec<&str> = screen.lines().filter(|l| l.starts_with('│')).collect();
    assert!(body[body.len() - 2..].iter().any(|l| l.contains("短い議題")), "{screen}");
}

/// Expected of the list: an optional file-name column (`list_files`), naming the meeting's
/// number for a file of several, so that entries with the same title can be told apart.
#[test]
fn the_list_had_no_file_name_column() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let archive = root.join("multi/archive.md");
    let entries: Vec<_> = gijiroku::runtime::workers::entries_of(
        gijiroku::app::library::Source::File(archive),
        gijiroku::library::DEFAULT_MAX_FILE_BYTES,
    );
    let options = gijiroku::app::Options { list_files: true, list_width: 50, ..Default::default() };
    let mut app = common::app::start(entries.clone(), 120, 24, options);
    type_keys(&mut app, "<Tab>");
    let screen = screen_text(&app);
    assert!(screen.contains("archive.md#1") && screen.contains("archive.md#2"), "{screen}");
    let plain = common::app::start(entries, 120, 24, gijiroku::app::Options { list_width: 50, ..Default::default() });
    assert!(!screen_text(&plain).contains("archive.md#"), "off by default");
}
