//! Generated meetings for the benches: fixed seeds, invented sentences, any size.
#![allow(dead_code)]

use std::sync::Arc;

use gijiroku::app::library::{Entry, EntryState, EntrySummary, Source};
use gijiroku::app::{App, Options};
use gijiroku::core::meeting::{AgendaItem, Meeting, Role, Turn, TurnKind};

/// An app of `width`×`height` with `meeting` open in the reader, as after opening it.
pub fn app_with(meeting: Meeting, width: u16, height: u16) -> App {
    let meeting = Arc::new(meeting);
    let mut app = App::new(Options::default());
    app.resize(width, height);
    let entry = Entry {
        source: Source::Embedded { name: "bench", bytes: b"" },
        index_in_file: 0,
        state: EntryState::Ready(EntrySummary::of(&meeting)),
    };
    app.add_entries(vec![entry]);
    app.take_effects();
    app.meeting_loaded(0, Ok(meeting));
    app.scan_finished();
    app
}

const PHRASES: &[&str] = &[
    "本日の委員会では、",
    "来年度の予算案について",
    "市民の皆様からいただいた意見を踏まえ、",
    "図書館の開館時間を延長する案を",
    "防災訓練の参加者は前年より 15% 増えており、",
    "DX の推進に向けて",
    "令和 9 年度までに",
    "地域公共交通の再編を進めることとしている。",
    "子育て支援センターの利用者アンケートでは、",
    "検討を重ねてまいりたいと考えております。",
    "ご指摘の点については、",
    "十分に説明を尽くしていく必要があると思う。",
    "「持続可能なまちづくり」という観点から、",
    "担当課と協議のうえ、",
    "具体的な数値目標を示していただきたい。",
    "女性管理職の割合を高める取組も重要である。",
];

const SPEAKERS: &[(&str, &str, Role)] = &[
    ("委員長（山田太郎君）", "山田太郎", Role::Chair),
    ("佐藤委員", "佐藤委員", Role::Member),
    ("鈴木委員", "鈴木委員", Role::Member),
    ("企画課長", "企画課長", Role::Official),
    ("11番（高橋一郎君）", "高橋一郎", Role::Member),
    ("市長（中村　宏）", "中村宏", Role::Official),
];

/// A small xorshift generator: benches must not depend on a random crate's version.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed.max(1))
    }

    pub fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % n as u64) as usize
    }
}

/// A paragraph of `phrases` phrases.
pub fn paragraph(rng: &mut Rng, phrases: usize) -> String {
    (0..phrases).map(|_| PHRASES[rng.below(PHRASES.len())]).collect()
}

/// A meeting with `turns` speech turns of 1–3 paragraphs of ~60–240 characters each.
pub fn meeting(turns: usize, seed: u64) -> Meeting {
    let mut rng = Rng::new(seed);
    let agenda: Vec<AgendaItem> = (1..=5)
        .map(|n| AgendaItem {
            number: n,
            label: format!("日程第{n}"),
            title: format!("議案第{n}号について"),
            heading: None,
        })
        .collect();
    let turns = (0..turns)
        .map(|n| {
            let (label, speaker, role) = SPEAKERS[rng.below(SPEAKERS.len())];
            let count = 1 + rng.below(3);
            let paragraphs = (0..count)
                .map(|_| {
                    let phrases = 2 + rng.below(8);
                    paragraph(&mut rng, phrases)
                })
                .collect();
            Turn {
                kind: TurnKind::Speech,
                label: Some(label.to_owned()),
                speaker: Some(speaker.to_owned()),
                role,
                agenda: Some(n * agenda.len() / turns.max(1)),
                paragraphs,
                ..Turn::default()
            }
        })
        .collect();
    Meeting {
        title: "令和6年第1回架空市議会定例会会議録".to_owned(), agenda, turns, ..Meeting::default()
    }
}

/// A meeting of about `bytes` bytes of text.
pub fn meeting_of_size(bytes: usize, seed: u64) -> Meeting {
    // About 600 bytes of text per generated turn.
    meeting((bytes / 600).max(1), seed)
}

pub fn text_bytes(meeting: &Meeting) -> usize {
    meeting.turns.iter().flat_map(|t| &t.paragraphs).map(String::len).sum()
}
