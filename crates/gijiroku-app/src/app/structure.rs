//! Moving by the meeting's structure: turns (`}` `{`), agenda items (`]]` `[[`) and turns by
//! the same speaker (`*` `#`). Every move puts the target's first row at the top of the view
//! and records the place it left in the jump list.

use crate::action::Action;
use crate::app::App;

impl App {
    pub(crate) fn structure_move(&mut self, action: Action, count: usize) {
        let Some(reader) = &mut self.reader else { return };
        let origin = reader.top();
        let forward = matches!(action, Action::NextTurn | Action::NextAgenda | Action::NextSameSpeaker);
        let mut wrapped = false;
        let mut moves = 0;
        let speaker = match action {
            Action::NextSameSpeaker | Action::PrevSameSpeaker => {
                let current = reader.current_speech();
                let speaker = current.and_then(|t| reader.meeting.turns[t].speaker.clone());
                match speaker {
                    Some(speaker) => Some(speaker),
                    None => {
                        self.warn("no speaker here");
                        return;
                    }
                }
            }
            _ => None,
        };
        for _ in 0..count.max(1) {
            let target = match action {
                Action::NextTurn | Action::PrevTurn => {
                    reader.turn_after(forward, |_| true).and_then(|t| reader.layout.turn_row(t))
                }
                Action::NextAgenda | Action::PrevAgenda => {
                    let top = reader.top();
                    let rows = (0..reader.meeting.agenda.len()).filter_map(|i| reader.layout.agenda_row(i));
                    if forward { rows.filter(|&r| r > top).min() } else { rows.filter(|&r| r < top).max() }
                }
                _ => {
                    let name = speaker.as_deref();
                    let same = |t: usize| reader.meeting.turns[t].speaker.as_deref() == name;
                    match reader.turn_after(forward, same) {
                        Some(t) => reader.layout.turn_row(t),
                        None => {
                            wrapped = true;
                            let mut turns = (0..reader.meeting.turns.len()).filter(|&t| same(t));
                            if forward {
                                turns.find_map(|t| reader.layout.turn_row(t))
                            } else {
                                turns.rev().find_map(|t| reader.layout.turn_row(t))
                            }
                        }
                    }
                }
            };
            match target {
                Some(row) => {
                    reader.show_row_at_top(row);
                    moves += 1;
                }
                None => break,
            }
        }
        if reader.top() != origin {
            reader.record_jump_from(origin);
        }
        let what = match action {
            Action::NextTurn | Action::PrevTurn => "turn",
            Action::NextAgenda | Action::PrevAgenda => "agenda item",
            _ => "turn by this speaker",
        };
        if moves == 0 {
            let direction = if forward { "next" } else { "previous" };
            self.warn(format!("no {direction} {what}"));
        } else if wrapped {
            let name = speaker.unwrap_or_default();
            let end = if forward { "first" } else { "last" };
            self.warn(format!("wrapped around to the {end} turn by {name}"));
        }
    }
}
