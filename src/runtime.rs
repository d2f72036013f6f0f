//! The thin runtime: sets the terminal up, starts the input, signal and worker threads, and
//! runs the event loop — events in, `App` updated, one frame out — until the app quits or a
//! signal arrives. Everything it does for the app is an [`Effect`].

pub mod editor;
mod input;
pub mod paint;
pub mod probe;
pub mod screen;
pub mod signals;
pub mod start;
pub mod terminal;
pub mod workers;

use std::io::{self, Write};
use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{self, Receiver, Sender};
use std::sync::{Arc, Mutex};

use base64::Engine;
use ratatui::crossterm::event as ct;

use crate::app::event::Event as AppEvent;
use crate::app::{App, Effect, Options};
use crate::view::theme::Theme;
use paint::Painter;
use screen::Screen;
use workers::Event;

/// What the reader starts with.
pub struct RunOptions {
    pub paths: Vec<PathBuf>,
    pub app: Options,
    pub theme: Theme,
    pub max_file_bytes: u64,
    /// Ask the terminal how wide ambiguous characters are (config `ambiguous_width = "auto"`).
    pub probe_ambiguous: bool,
    /// Where reading positions are remembered (`None`: the platform data directory).
    pub state: Option<crate::state::Store>,
    /// `gijiroku kokkai`: the search of the Diet API the list shows, instead of `paths`.
    pub remote: Option<crate::kokkai::remote::Remote>,
}

/// Runs the reader until the user quits. The terminal is restored on every way out. Returns
/// the signal that ended it, if one did (the caller exits with 128 + it).
pub fn run(options: RunOptions) -> anyhow::Result<Option<i32>> {
    // Before any file is read or the terminal touched: from here on a signal is never
    // swallowed, and always restores the terminal (see `signals`).
    signals::install()?;
    // The scan starts before the screen is taken: paths without minutes end here, on stderr.
    let (events, receiver) = mpsc::channel();
    let remote = options.remote.map(Arc::new);
    workers::spawn_scan(options.paths.clone(), options.max_file_bytes, remote.clone(), events.clone());
    let first_events = start::wait_for_minutes(&receiver, &options.paths)?;
    terminal::install_panic_hook();
    terminal::enter(options.app.mouse)?;
    let _guard = terminal::Guard;
    let mut app_options = options.app;
    let mut theme = options.theme;
    if options.probe_ambiguous {
        // Before the input thread starts: its reader would swallow the terminal's reply.
        app_options.ambiguous = probe::ambiguous_width(probe::DEFAULT_TIMEOUT);
        theme.ascii_borders = app_options.ambiguous == crate::core::width::AmbiguousWidth::Wide;
    }
    // Creating crossterm's event source registers its SIGWINCH handler: done before the size is
    // read and the first frame drawn, a resize right after that frame cannot be lost.
    let _ = ct::poll(std::time::Duration::ZERO);
    let (width, height) = ratatui::crossterm::terminal::size().unwrap_or((80, 24));
    signals::connect(events.clone());
    // The search variant tables take a few milliseconds to build: not on the first keystroke,
    // and not before the first frame either (see `Runtime::start_background`).
    let warm_up = Some(crate::core::search::SearchOptions { kana_fold: app_options.kana_fold });
    let (store, warnings) = match options.state {
        Some(store) => (store, Vec::new()),
        None => crate::state::Store::open_default(),
    };
    let mut app = App::new(app_options);
    app.handle(AppEvent::ScanStarted);
    if let Some(warning) = warnings.into_iter().next() {
        app.handle(AppEvent::Warning(warning));
    }
    // What `gijiroku kokkai` had to say before the reader started (the network down, records
    // left out…): on stderr it would be hidden by the reader's screen.
    for notice in remote.iter().flat_map(|r| r.notices()) {
        app.handle(AppEvent::Warning(notice.clone()));
    }
    app.handle(AppEvent::Resize { width, height });
    // Frames go to the terminal in one write each: `Stdout` is line-buffered and split a frame at
    // its last newline into two writes (a half frame, for terminals without synchronized output).
    let out = std::fs::File::from(std::os::fd::AsFd::as_fd(&io::stdout()).try_clone_to_owned()?);
    let screen = Screen::new(out, width, height);
    let runtime = Runtime {
        watched: None,
        events: events.clone(),
        store,
        preloaded: None,
        warm_up,
        search_text: None,
        search_generation: Arc::new(AtomicU64::new(0)),
        max_file_bytes: options.max_file_bytes,
        ended_by: None,
        remote,
    };
    let shared = Arc::new(Mutex::new(Loop {
        app,
        screen,
        runtime,
        theme,
        painter: Painter::default(),
        finished: false,
        failure: None,
    }));
    if let Ok(mut state) = shared.lock() {
        // What the scan sent before the screen was taken (scan results only: nothing that quits).
        state.handle_all(first_events)?;
        state.draw(true)?;
    }
    input::spawn_input(shared.clone(), events);
    main_loop(&shared, &receiver);
    let mut state = shared.lock().map_err(|_| anyhow::anyhow!("the event loop panicked"))?;
    state.finished = true;
    let state = &mut *state;
    state.runtime.remember_open(&state.app);
    // The terminal first: the shell is back at once, while the state file is written and synced.
    drop(_guard);
    if let Err(err) = state.runtime.store.save() {
        eprintln!("gijiroku: reading positions were not saved: {err}");
    }
    match state.failure.take() {
        Some(err) => Err(err),
        None => Ok(state.runtime.ended_by),
    }
}

/// Everything the event loop owns. Keys are handled on the input thread itself (a key reaches
/// the screen without waiting for another thread to wake); everything else — worker results,
/// signals, resizes — on the main thread. A mutex keeps them one at a time.
struct Loop {
    app: App,
    screen: Screen<std::fs::File>,
    runtime: Runtime,
    theme: Theme,
    /// What the last frame showed, to draw the next one from it.
    painter: Painter,
    /// Set when the reader is to end (quit, signal, lost terminal, error).
    finished: bool,
    failure: Option<anyhow::Error>,
}

impl Loop {
    /// Handles events, then draws one frame. Returns false once the loop is finished.
    fn step(&mut self, events: Vec<Event>) -> bool {
        if self.finished {
            return false;
        }
        let answers_input = events.iter().any(|e| {
            matches!(
                e,
                Event::Key(_)
                    | Event::Keys(_)
                    | Event::Mouse(_)
                    | Event::Paste(_)
                    | Event::Resize(..)
                    | Event::Suspend
                    | Event::Resume
            )
        });
        match self
            .handle_all(events)
            .and_then(|quit| if quit { Ok(true) } else { self.draw(answers_input).map(|()| false) })
        {
            Ok(false) => true,
            Ok(true) => {
                self.finished = true;
                false
            }
            Err(err) => {
                self.failure = Some(err);
                self.finished = true;
                false
            }
        }
    }

    /// Returns true when the reader must end.
    fn handle_all(&mut self, events: Vec<Event>) -> anyhow::Result<bool> {
        let flat = events.into_iter().flat_map(|event| match event {
            Event::Together(events) => events,
            event => vec![event],
        });
        // Keys in a row (typed ahead, pasted without bracketed paste) are one batch for the app.
        let mut events: Vec<Event> = Vec::new();
        for event in flat {
            match (events.last_mut(), event) {
                (Some(Event::Keys(keys)), Event::Key(key)) => keys.push(key),
                (_, Event::Key(key)) => events.push(Event::Keys(vec![key])),
                (_, event) => events.push(event),
            }
        }
        // Only the last of a burst of resizes matters; each one would lay the meeting out again.
        let last_resize = events.iter().rposition(|e| matches!(e, Event::Resize(..)));
        for (index, event) in events.into_iter().enumerate() {
            if matches!(event, Event::Resize(..)) && Some(index) != last_resize {
                continue;
            }
            if handle(&mut self.app, &mut self.screen, event, &mut self.runtime)? {
                return Ok(true);
            }
            loop {
                let effects = self.app.take_effects();
                if effects.is_empty() {
                    break;
                }
                for effect in effects {
                    perform(&mut self.app, &mut self.screen, effect, &mut self.runtime)?;
                }
            }
            if self.app.should_quit() {
                return Ok(true);
            }
        }
        Ok(false)
    }

    fn draw(&mut self, answers_input: bool) -> anyhow::Result<()> {
        self.painter.draw(&self.app, &self.theme, &mut self.screen, answers_input)?;
        self.runtime.start_background(&self.app);
        Ok(())
    }
}

/// The main thread's part: worker results, signals and resizes, handled in batches (a burst
/// costs one frame).
fn main_loop(shared: &Mutex<Loop>, receiver: &Receiver<Event>) {
    loop {
        // Quiet for a while: time to look whether the open meeting's file changed on disk.
        let first = match receiver.recv_timeout(WATCH_EVERY) {
            Ok(event) => event,
            Err(mpsc::RecvTimeoutError::Timeout) => Event::Tick,
            Err(mpsc::RecvTimeoutError::Disconnected) => return,
        };
        let mut pending = vec![first];
        pending.extend(receiver.try_iter());
        let Ok(mut state) = shared.lock() else { return };
        if !state.step(pending) {
            return;
        }
    }
}

/// How often, when nothing else happens, the open meeting's file is looked at (one stat).
const WATCH_EVERY: std::time::Duration = std::time::Duration::from_secs(1);

/// The open meeting's file as it was when read: a change of either means it was rewritten.
struct Watched {
    entry: usize,
    path: PathBuf,
    modified: Option<std::time::SystemTime>,
    len: u64,
}

impl Watched {
    fn stat(path: &std::path::Path) -> Option<(Option<std::time::SystemTime>, u64)> {
        std::fs::metadata(path).ok().map(|m| (m.modified().ok(), m.len()))
    }
}

struct Runtime {
    /// The open meeting's file, checked for changes when the loop is idle.
    watched: Option<Watched>,
    events: Sender<Event>,
    /// Remembered reading positions, jump lists and marks.
    store: crate::state::Store,
    /// The first file's meetings, parsed by the scan, for the first open.
    preloaded: Option<(crate::app::library::Source, Vec<Arc<crate::core::meeting::Meeting>>)>,
    /// Search tables to build once the first meeting is on screen.
    warm_up: Option<crate::core::search::SearchOptions>,
    /// The open meeting whose searchable text is to be built once its first frame is sent.
    search_text: Option<(usize, Arc<crate::core::meeting::Meeting>)>,
    search_generation: Arc<AtomicU64>,
    max_file_bytes: u64,
    /// The signal that ended the reader.
    ended_by: Option<i32>,
    /// `gijiroku kokkai`'s search: listed page by page, its meetings downloaded when opened.
    remote: Option<Arc<crate::kokkai::remote::Remote>>,
}

impl Runtime {
    /// Starts the work that prepares search, after a frame was sent. With one of two cores busy
    /// elsewhere, building the tables beside the first layout delayed the first frame (8.2 against
    /// 5.4 ms on the reference document); with both cores idle it made no difference.
    fn start_background(&mut self, app: &App) {
        let first_frame_done = app.reader().is_some() || !app.scanning();
        let warm_up = if first_frame_done { self.warm_up.take() } else { None };
        let text = self.search_text.take();
        if warm_up.is_none() && text.is_none() {
            return;
        }
        let events = self.events.clone();
        std::thread::spawn(move || {
            // Without the text, search builds it when first asked; without tables, on first use.
            if let Some((entry, meeting)) = text
                && let Ok(text) = terminal::catching(|| crate::core::hits::MeetingText::new(&meeting))
            {
                let _ = events.send(Event::SearchText(entry, text));
            }
            if let Some(options) = warm_up {
                let _ = terminal::catching(|| crate::core::search::warm_up(options));
            }
        });
    }

    /// Remembers where the open meeting's reader stands (before it is replaced or on quit).
    fn remember_open(&mut self, app: &App) {
        if let Some((entry, remembered)) = app.remembered() {
            self.store.remember(&crate::state::entry_key(entry), remembered);
        }
    }

    /// Tells the app when the open meeting's file changed on disk since it was read.
    fn check_open_file(&mut self, app: &mut App) {
        let Some(watched) = self.watched.as_mut() else { return };
        if app.reader().is_none_or(|r| r.entry() != watched.entry) {
            return;
        }
        if let Some((modified, len)) = Watched::stat(&watched.path)
            && (modified, len) != (watched.modified, watched.len)
        {
            (watched.modified, watched.len) = (modified, len);
            app.handle(AppEvent::FileChanged(watched.entry));
        }
    }

    /// Hands a loaded meeting to the app with where it was left last time, and the speeches a
    /// `gijiroku kokkai` search found in it (the app opens at the first).
    fn meeting_loaded(
        &mut self,
        app: &mut App,
        entry: usize,
        result: Result<Arc<crate::core::meeting::Meeting>, crate::app::library::LoadError>,
        found: Option<crate::app::search::Found>,
    ) {
        let remembered = app.entries().get(entry).and_then(|e| self.store.recall(&crate::state::entry_key(e)));
        app.handle(AppEvent::Loaded { entry, result, remembered, found });
    }

    /// A meeting is open: its file watched, remembered as the one open last, and its
    /// searchable text built once its first frame is sent.
    fn opened(
        &mut self,
        app: &App,
        entry: usize,
        meeting: Arc<crate::core::meeting::Meeting>,
        needs_search_text: bool,
    ) {
        if let Some(e) = app.entries().get(entry) {
            if let crate::app::library::Source::File(path) = &e.source
                && let Some((modified, len)) = Watched::stat(path)
            {
                self.watched = Some(Watched { entry, path: path.clone(), modified, len });
            }
            self.store.set_last_open(&crate::state::entry_key(e));
        }
        if needs_search_text {
            self.search_text = Some((entry, meeting));
        }
    }
}

/// Applies one event; returns true when the loop must end.
fn handle<W: Write>(
    app: &mut App,
    screen: &mut Screen<W>,
    event: Event,
    runtime: &mut Runtime,
) -> anyhow::Result<bool> {
    match event {
        Event::Key(key) => app.handle(AppEvent::Keys(vec![key])),
        Event::Keys(keys) => app.handle(AppEvent::Keys(keys)),
        Event::Mouse(mouse) => app.handle(AppEvent::Mouse(mouse)),
        Event::Tick => runtime.check_open_file(app),
        Event::Paste(text) => app.handle(AppEvent::Paste(text)),
        Event::Suspend => {
            terminal::restore();
            signals::stop();
            resume(app, screen)?;
        }
        Event::Resume => resume(app, screen)?,
        Event::Resize(width, height) => {
            screen.resize(width, height);
            app.handle(AppEvent::Resize { width, height });
        }
        Event::Signal(signal) => {
            signals::acknowledge();
            runtime.ended_by = Some(signal);
            return Ok(true);
        }
        Event::InputClosed => return Ok(true),
        Event::Entries(entries) => {
            // Reopen the meeting that was open last time, if this batch has it.
            let last = runtime.store.last_open().map(str::to_owned);
            let preferred = last.and_then(|key| {
                let is_last = |e: &_| crate::state::may_be_key_of(e, &key) && crate::state::entry_key(e) == key;
                entries.iter().position(is_last)
            });
            app.handle(AppEvent::Entries { entries, preferred });
        }
        Event::Preloaded(source, meetings) => runtime.preloaded = Some((source, meetings)),
        Event::ScanDone => app.handle(AppEvent::ScanDone),
        Event::Paged(paging) => app.handle(AppEvent::Paged { total: paging.total, more: paging.more }),
        // `handle_all` flattens these so that effects run in order; handled in turn if one gets here.
        Event::Together(events) => {
            for event in events {
                if handle(app, screen, event, runtime)? {
                    return Ok(true);
                }
            }
        }
        Event::Summaries(summaries, progress) => {
            app.handle(AppEvent::Summaries { summaries, done: progress.done, total: progress.total })
        }
        Event::Loaded(entry, result, found) => runtime.meeting_loaded(app, entry, result, found),
        Event::SearchText(entry, text) => app.handle(AppEvent::SearchText { entry, text }),
        Event::Hits { generation, hits, progress } => {
            app.handle(AppEvent::LibraryHits { generation, hits, done: progress.done, total: progress.total })
        }
    }
    Ok(false)
}

/// Back from a suspension (or a SIGCONT from outside): the terminal set up again if it was
/// restored, the size read again (it may have changed meanwhile), and everything redrawn.
fn resume<W: Write>(app: &mut App, screen: &mut Screen<W>) -> io::Result<()> {
    if !terminal::is_active() {
        terminal::enter(app.options().mouse)?;
    }
    let (width, height) = ratatui::crossterm::terminal::size().unwrap_or((app.width(), app.height()));
    screen.resize(width, height);
    app.handle(AppEvent::Resize { width, height });
    screen.invalidate();
    Ok(())
}

fn perform<W: Write>(app: &mut App, screen: &mut Screen<W>, effect: Effect, runtime: &mut Runtime) -> io::Result<()> {
    match effect {
        Effect::Load { entry, source, index_in_file } => {
            runtime.remember_open(app);
            if let Some((preloaded_source, meetings)) = runtime.preloaded.take()
                && preloaded_source == source
                && let Some(meeting) = meetings.get(index_in_file)
            {
                runtime.meeting_loaded(app, entry, Ok(meeting.clone()), None);
                return Ok(());
            }
            let (remote, events) = (runtime.remote.clone(), runtime.events.clone());
            workers::spawn_load(entry, source, index_in_file, runtime.max_file_bytes, remote, events);
        }
        Effect::Copy(text) => {
            let encoded = base64::engine::general_purpose::STANDARD.encode(text.as_bytes());
            let out = screen.writer();
            write!(out, "\x1b]52;c;{encoded}\x07")?;
            out.flush()?;
        }
        Effect::SearchLibrary { generation, query, kana_fold } => {
            runtime.search_generation.store(generation, Ordering::SeqCst);
            let sources = app
                .entries()
                .iter()
                .enumerate()
                .filter(|(_, e)| !e.is_failed())
                .map(|(i, e)| (i, e.source.clone(), e.index_in_file))
                .collect();
            workers::spawn_library_search(
                generation,
                runtime.search_generation.clone(),
                query,
                kana_fold,
                sources,
                runtime.max_file_bytes,
                runtime.events.clone(),
            );
        }
        Effect::CancelLibrarySearch => {
            runtime.search_generation.fetch_add(1_000_000, Ordering::SeqCst);
        }
        Effect::Redraw => screen.invalidate(),
        Effect::Edit { path, line } => {
            runtime.remember_open(app);
            if let Err(err) = editor::edit(&path, line, app.options().mouse) {
                app.handle(AppEvent::Warning(err.to_string()));
            }
            // The terminal may have changed size meanwhile; everything is drawn again.
            if let Ok((width, height)) = ratatui::crossterm::terminal::size()
                && (width, height) != (app.width(), app.height())
            {
                screen.resize(width, height);
                app.handle(AppEvent::Resize { width, height });
            }
            screen.invalidate();
        }
        Effect::Opened { entry, meeting, needs_search_text } => {
            runtime.opened(app, entry, meeting, needs_search_text);
        }
        Effect::ListMore => {
            if let Some(remote) = runtime.remote.clone() {
                workers::spawn_list_more(remote, runtime.events.clone());
            }
        }
    }
    Ok(())
}
