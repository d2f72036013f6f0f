//! The input thread: reads the terminal — a blocking read on crossterm's poll(2) source
//! (`use-dev-tty`), which loses neither a key nor a resize when both arrive together — and
//! handles keys and pastes right there, under the loop's lock. Resizes go to the main thread,
//! which coalesces bursts.
//!
//! Keys that are already waiting when one is read (typed ahead of the screen, or a paste from a
//! terminal without bracketed paste) are handled as one batch, so that the prompt searches once
//! for all of them; a batch is at most [`MAX_BATCH`] events, so that the lock is never held for
//! long whatever the size of the input (issue 13, item 7).

use std::sync::mpsc::Sender;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use ratatui::crossterm::event::{self as ct, KeyEventKind, KeyModifiers};

use super::Loop;
use super::terminal;
use super::workers::Event;
use crate::keymap::key::{Key, KeyCode};

/// How often the input thread, when no input came, checks that the terminal is still there.
const HANGUP_CHECK: Duration = Duration::from_secs(1);

/// Events handled under one hold of the lock.
pub(crate) const MAX_BATCH: usize = 1024;

pub(super) fn spawn_input(shared: Arc<Mutex<Loop>>, events: Sender<Event>) {
    std::thread::spawn(move || {
        loop {
            // A wait with a timeout, so that a terminal that went away is noticed (see
            // `terminal::hung_up`) instead of spinning on end-of-file for ever.
            match ct::poll(HANGUP_CHECK) {
                Ok(true) => {}
                Ok(false) if terminal::hung_up() => {
                    let _ = events.send(Event::InputClosed);
                    return;
                }
                Ok(false) => continue,
                Err(_) => {
                    let _ = events.send(Event::InputClosed);
                    return;
                }
            }
            let mut batch = Vec::new();
            loop {
                let event = match ct::read() {
                    Ok(event) => event,
                    Err(_) => {
                        let _ = events.send(Event::InputClosed);
                        return;
                    }
                };
                match translate(event) {
                    // Resizes go to the main thread, which coalesces bursts of them.
                    Some(Event::Resize(width, height)) if events.send(Event::Resize(width, height)).is_err() => {
                        return;
                    }
                    Some(Event::Resize(..)) | None => {}
                    Some(event) => batch.push(event),
                }
                if batch.len() >= MAX_BATCH || !matches!(ct::poll(Duration::ZERO), Ok(true)) {
                    break;
                }
            }
            if batch.is_empty() {
                continue;
            }
            let running = shared.lock().is_ok_and(|mut state| state.step(batch));
            if !running {
                // Wake the main thread so that it sees the loop finished.
                let _ = events.send(Event::InputClosed);
                return;
            }
        }
    });
}

fn translate(event: ct::Event) -> Option<Event> {
    match event {
        ct::Event::Key(key) if key.kind != KeyEventKind::Release => translate_key(key),
        ct::Event::Paste(text) => Some(Event::Paste(text)),
        ct::Event::Resize(width, height) => Some(Event::Resize(width, height)),
        ct::Event::Mouse(mouse) => translate_mouse(mouse),
        _ => None,
    }
}

fn translate_mouse(mouse: ct::MouseEvent) -> Option<Event> {
    use crate::app::mouse::{Mouse, MouseKind};
    let kind = match mouse.kind {
        ct::MouseEventKind::Down(ct::MouseButton::Left) => MouseKind::Click,
        ct::MouseEventKind::ScrollUp => MouseKind::ScrollUp,
        ct::MouseEventKind::ScrollDown => MouseKind::ScrollDown,
        _ => return None,
    };
    Some(Event::Mouse(Mouse { kind, column: mouse.column, row: mouse.row }))
}

fn translate_key(key: ct::KeyEvent) -> Option<Event> {
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    let alt = key.modifiers.contains(KeyModifiers::ALT);
    // Ctrl-z suspends, as in every full-screen program (raw mode turns the terminal's own
    // suspend off, so the key arrives here instead of a SIGTSTP).
    if ctrl && !alt && matches!(key.code, ct::KeyCode::Char('z' | 'Z')) {
        return Some(Event::Suspend);
    }
    let code = match key.code {
        ct::KeyCode::Char(c) => KeyCode::Char(c),
        ct::KeyCode::Enter => KeyCode::Enter,
        ct::KeyCode::Esc => KeyCode::Esc,
        ct::KeyCode::Tab => KeyCode::Tab,
        ct::KeyCode::BackTab => KeyCode::BackTab,
        ct::KeyCode::Backspace => KeyCode::Backspace,
        ct::KeyCode::Delete => KeyCode::Delete,
        ct::KeyCode::Insert => KeyCode::Insert,
        ct::KeyCode::Up => KeyCode::Up,
        ct::KeyCode::Down => KeyCode::Down,
        ct::KeyCode::Left => KeyCode::Left,
        ct::KeyCode::Right => KeyCode::Right,
        ct::KeyCode::Home => KeyCode::Home,
        ct::KeyCode::End => KeyCode::End,
        ct::KeyCode::PageUp => KeyCode::PageUp,
        ct::KeyCode::PageDown => KeyCode::PageDown,
        ct::KeyCode::F(n) => KeyCode::F(n),
        _ => return None,
    };
    Some(Event::Key(Key { code, ctrl, alt }))
}
