//! Minutes files made by the tests: a small builder for the bracket-label summary format the
//! parser reads, and helpers for a temporary library directory.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// Minutes in the `[Speaker]` summary format: a title, a date, agenda items, turns.
pub struct Minutes {
    text: String,
}

impl Minutes {
    pub fn new(title: &str) -> Minutes {
        Minutes { text: format!("{title}\n\n1 日 時\n\n令和6年7月23日\n\n") }
    }

    pub fn agenda(mut self, heading: &str) -> Minutes {
        let _ = write!(self.text, "{heading}\n\n");
        self
    }

    pub fn turn(mut self, label: &str, body: &str) -> Minutes {
        let _ = write!(self.text, "[{label}]\n\n{body}\n\n");
        self
    }

    pub fn bytes(self) -> Vec<u8> {
        self.text.into_bytes()
    }
}

/// A meeting of `n` numbered turns under two agenda items, each turn long enough to wrap.
pub fn numbered_meeting(title: &str, n: usize) -> Minutes {
    let mut minutes = Minutes::new(title).agenda("議事①予算について");
    for i in 1..=n {
        if i == n / 2 + 1 {
            minutes = minutes.agenda("議事②図書館の開館時間について");
        }
        let label = ["川村委員", "財政課", "堀委員", "図書館長"][i % 4];
        minutes = minutes.turn(
            label,
            &format!("第{i}発言。本日の委員会では来年度の予算案と図書館の開館時間の延長について審議を行いました。"),
        );
    }
    minutes
}

/// Writes `bytes` to `dir/name` and returns the path.
pub fn write(dir: &Path, name: &str, bytes: impl AsRef<[u8]>) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, bytes).expect("write test file");
    path
}

/// A numbered meeting of `turns` turns in a temporary directory.
pub fn open_meeting(turns: usize) -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let file = write(dir.path(), "resize.txt", numbered_meeting("リサイズ試験委員会 議事要旨", turns).bytes());
    (dir, file)
}
