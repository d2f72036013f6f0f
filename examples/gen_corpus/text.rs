//! Dates in the forms minutes use, sentences built from the word tables, and PDF damage.

use std::ops::RangeInclusive;

use fastrand::Rng;

use super::words::*;

/// A calendar day; the generator only makes days 1–28, so every date is valid.
#[derive(Clone, Copy)]
pub struct Date {
    pub year: u32,
    pub month: u32,
    pub day: u32,
}

impl Date {
    /// A random weekday (meetings are not held at weekends) in `years`.
    pub fn random(rng: &mut Rng, years: RangeInclusive<u32>) -> Date {
        let mut date = Date { year: rng.u32(years), month: rng.u32(1..=12), day: rng.u32(1..=28) };
        // Saturday to Friday (or the next Monday at the start of a month); Sunday likewise.
        match date.weekday() {
            6 if date.day > 1 => date.day -= 1,
            6 => date.day += 2,
            0 if date.day > 2 => date.day -= 2,
            0 => date.day += 1,
            _ => {}
        }
        date
    }

    /// 0 = Sunday (Sakamoto's method).
    fn weekday(&self) -> usize {
        const T: [u32; 12] = [0, 3, 2, 5, 0, 3, 5, 1, 4, 6, 2, 4];
        let y = if self.month < 3 { self.year - 1 } else { self.year };
        ((y + y / 4 - y / 100 + y / 400 + T[self.month as usize - 1] + self.day) % 7) as usize
    }

    pub fn weekday_ja(&self) -> &'static str {
        ["日", "月", "火", "水", "木", "金", "土"][self.weekday()]
    }

    /// Era name and year: 平成 until April 2019, 令和 from May 2019.
    pub fn era(&self) -> (&'static str, u32) {
        if (self.year, self.month) >= (2019, 5) { ("令和", self.year - 2018) } else { ("平成", self.year - 1988) }
    }

    pub fn iso(&self) -> String {
        format!("{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }

    /// `令和7年（2025年）5月20日（火）`
    pub fn summary_form(&self) -> String {
        let (era, ey) = self.era();
        let ey = if ey == 1 { "元".to_owned() } else { ey.to_string() };
        format!("{era}{ey}年（{}年）{}月{}日（{}）", self.year, self.month, self.day, self.weekday_ja())
    }

    /// `令和７年６月１２日（木曜日）`
    pub fn assembly_form(&self) -> String {
        let (era, ey) = self.era();
        fullwidth(&format!("{era}{ey}年{}月{}日（{}曜日）", self.month, self.day, self.weekday_ja()))
    }

    /// `令和七年六月十二日`
    pub fn kanji_form(&self) -> String {
        let (era, ey) = self.era();
        let ey = if ey == 1 { "元".to_owned() } else { kanji_number(ey) };
        format!("{era}{ey}年{}月{}日", kanji_number(self.month), kanji_number(self.day))
    }

    /// The fiscal year as written in speech: `令和6年度`.
    pub fn fiscal(&self, offset: i32) -> String {
        let (era, ey) = self.era();
        format!("{era}{}年度", (ey as i32 + offset).max(1))
    }
}

/// ASCII digits to full-width digits.
pub fn fullwidth(text: &str) -> String {
    text.chars()
        .map(|c| if c.is_ascii_digit() { char::from_u32(c as u32 - 0x30 + 0xFF10).unwrap_or(c) } else { c })
        .collect()
}

/// 1–99 in kanji numerals: 七, 十二, 二十八.
pub fn kanji_number(n: u32) -> String {
    const D: [&str; 10] = ["", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    match (n / 10, n % 10) {
        (0, u) => D[u as usize].to_owned(),
        (1, u) => format!("十{}", D[u as usize]),
        (t, u) => format!("{}十{}", D[t as usize], D[u as usize]),
    }
}

/// `午前10時`, `午後3時半`, `午後2時15分` from a 24-hour time.
pub fn ja_time(h: u32, m: u32) -> String {
    // A very long generated sitting would run past midnight; keep the clock a clock.
    let h = h % 24;
    let (half, h12) = if h < 12 { ("午前", h) } else { ("午後", h - 12) };
    match m {
        0 => format!("{half}{h12}時"),
        30 => format!("{half}{h12}時半"),
        _ => format!("{half}{h12}時{m}分"),
    }
}

/// The tone of a speech: である調 (summaries, memos) or です・ます調 (verbatim records).
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Style {
    Plain,
    Polite,
}

/// What a sentence may refer to: the topic, the speaking government and the meeting's date.
pub struct Ctx<'a> {
    pub topic: &'a str,
    /// 市, 町, 村 or 国.
    pub gov: &'a str,
    pub date: Date,
}

const QO_PLAIN: &[&str] = &[
    "{s}について伺いたい。",
    "{s}の進め方について意見を述べたい。",
    "資料を見ると、{s}の方向性はおおむね理解できる。",
    "{s}については、住民の関心も高い。",
    "{s}について、説明で分かりにくい点があった。",
];
const QM_PLAIN: &[&str] = &[
    "{place}では{problem}と聞いている。",
    "{group}からは、{concern}という声が出ている。",
    "{fy}の調査では、{metric}が{n}％にとどまっている。",
    "他の自治体では、{example}という例もある。",
    "{place}に住む人にとっては、{need}が何より大切だと思う。",
    "{group}の意見を、計画の段階から聞く仕組みが必要ではないか。",
];
const QC_PLAIN: &[&str] = &[
    "{gov}の考えを伺いたい。",
    "今後の見通しを示してほしい。",
    "丁寧に進めてもらいたい。",
    "具体的な計画を次回までに示してほしい。",
    "この点をどう考えているのか。",
];
const AM_PLAIN: &[&str] = &[
    "{s}については、{action}方向で検討している。",
    "ご指摘の点は、{s}を進めるうえで大切な課題と認識している。",
    "{s}は、{fy2}から段階的に進める計画である。",
    "{place}については、{action2}予定である。",
    "{group}とも協議し、{goal}を目指したい。",
    "まずは{pilot}から始め、効果を見ながら広げていく。",
    "費用は{n}百万円程度を見込んでいる。",
    "{fy}の実績では、{metric}は{n}％であった。",
];
const AC_PLAIN: &[&str] =
    &["次回の会議で改めて報告する。", "いただいた意見は計画に反映させたい。", "引き続き丁寧に説明していく。"];

const QO_POLITE: &[&str] = &[
    "{s}について質問いたします。",
    "通告に従い、{s}について伺います。",
    "{s}について、住民の声を踏まえて伺います。",
    "次に、{s}について伺います。",
];
const QM_POLITE: &[&str] = &[
    "{place}では、{problem}と伺っております。",
    "{group}の皆さんからは、{concern}という声が寄せられています。",
    "{fy}の調査では、{metric}が{n}％にとどまっております。",
    "他の自治体では、{example}という例もございます。",
    "{place}にお住まいの方にとっては、{need}が何より大切だと考えます。",
    "この課題は、数年前から繰り返し指摘されてきたものです。",
];
const QC_POLITE: &[&str] = &[
    "{gov}の考えを伺います。",
    "今後の方針をお示しください。",
    "見解を伺います。",
    "具体的な計画をお聞かせください。",
];
const AM_POLITE: &[&str] = &[
    "{s}につきましては、{action}方向で検討を進めております。",
    "{place}につきましては、{action2}予定であります。",
    "{group}の皆様とも協議し、{goal}を目指してまいります。",
    "まずは{pilot}から始め、効果を検証しながら広げてまいります。",
    "{fy}の実績では、{metric}は{n}％でございました。",
    "事業費は約{n}百万円を見込んでおります。",
    "{s}は、{fy2}から本格的に実施する予定であります。",
];
const AC_POLITE: &[&str] =
    &["御理解を賜りますようお願い申し上げます。", "引き続き丁寧に取り組んでまいります。", "以上、答弁といたします。"];

/// Expands one template, picked from `templates`, into `out`.
fn fill(rng: &mut Rng, ctx: &Ctx, templates: &[&str], out: &mut String) {
    let mut rest = pick(rng, templates);
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let Some(close) = rest[open..].find('}') else { break };
        let key = &rest[open + 1..open + close];
        match key {
            "s" => out.push_str(ctx.topic),
            "gov" => out.push_str(ctx.gov),
            "place" => out.push_str(pick(rng, PLACES)),
            "problem" => out.push_str(pick(rng, PROBLEMS)),
            "group" => out.push_str(pick(rng, GROUPS_LOCAL)),
            "concern" => out.push_str(pick(rng, CONCERNS)),
            "metric" => out.push_str(pick(rng, METRICS)),
            "example" => out.push_str(pick(rng, EXAMPLES)),
            "need" => out.push_str(pick(rng, NEEDS)),
            "action" => out.push_str(pick(rng, ACTIONS)),
            "action2" => out.push_str(pick(rng, ACTIONS2)),
            "goal" => out.push_str(pick(rng, GOALS)),
            "pilot" => out.push_str(pick(rng, PILOTS)),
            "n" => out.push_str(&rng.u32(3..=95).to_string()),
            "fy" => out.push_str(&ctx.date.fiscal(-1)),
            "fy2" => out.push_str(&ctx.date.fiscal(1)),
            other => out.push_str(other),
        }
        rest = &rest[open + close + 1..];
    }
    out.push_str(rest);
}

/// Paragraphs of a question (`question = true`) or an answer, a number of paragraphs drawn from
/// `paras`.
pub fn speech(rng: &mut Rng, ctx: &Ctx, style: Style, question: bool, paras: RangeInclusive<usize>) -> Vec<String> {
    build(rng, ctx, style, question, paras, true)
}

/// A follow-up question: like [`speech`] but without the sentence that introduces the topic.
pub fn follow_up(rng: &mut Rng, ctx: &Ctx, style: Style, paras: RangeInclusive<usize>) -> Vec<String> {
    let mut out = build(rng, ctx, style, true, paras, false);
    if let Some(first) = out.first_mut() {
        first.insert_str(0, pick(rng, FOLLOW_UPS));
    }
    out
}

fn build(
    rng: &mut Rng,
    ctx: &Ctx,
    style: Style,
    question: bool,
    paras: RangeInclusive<usize>,
    opener: bool,
) -> Vec<String> {
    let (open, middle, close) = match (style, question) {
        (Style::Plain, true) => (QO_PLAIN, QM_PLAIN, QC_PLAIN),
        (Style::Plain, false) => (AM_PLAIN, AM_PLAIN, AC_PLAIN),
        (Style::Polite, true) => (QO_POLITE, QM_POLITE, QC_POLITE),
        (Style::Polite, false) => (AM_POLITE, AM_POLITE, AC_POLITE),
    };
    let paras = rng.usize(paras).max(1);
    (0..paras)
        .map(|i| {
            let mut p = String::with_capacity(400);
            if i == 0 && opener {
                fill(rng, ctx, open, &mut p);
            }
            for _ in 0..rng.usize(1..=3) {
                fill(rng, ctx, middle, &mut p);
            }
            if i + 1 == paras {
                fill(rng, ctx, close, &mut p);
            }
            p
        })
        .collect()
}

/// One English sentence or two for Markdown notes.
pub fn english(rng: &mut Rng) -> String {
    let topic = pick(rng, EN_TOPICS);
    match rng.u32(0..5) {
        0 => format!("What is the status of {topic}? {}", pick(rng, EN_REPLIES)),
        1 => format!("I looked at {topic} again this week, and {}.", pick(rng, EN_ISSUES)),
        2 => format!("There is a problem with {topic}: {}.", pick(rng, EN_ISSUES)),
        3 => format!("Could we simplify {topic} before the next draft? {}", pick(rng, EN_REPLIES)),
        _ => pick(rng, EN_REPLIES).to_owned(),
    }
}

/// PDF damage: a space between CJK text and ASCII digits or letters (`令和 7 年度`, `DX の`).
pub fn space_ascii(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    let mut prev: Option<char> = None;
    for c in text.chars() {
        if let Some(p) = prev {
            let cjk = |ch: char| (ch as u32) >= 0x3040 && !matches!(ch, '。' | '、' | '（' | '）' | '％' | '「' | '」');
            if (p.is_ascii_alphanumeric() && cjk(c)) || (cjk(p) && c.is_ascii_alphanumeric()) {
                out.push(' ');
            }
        }
        out.push(c);
        prev = Some(c);
    }
    out
}

/// PDF damage: hard-wraps one logical line at `cols` display columns (ASCII 1, others 2),
/// never starting a line with closing punctuation.
pub fn hard_wrap(line: &str, cols: usize, out: &mut Vec<String>) {
    let mut cur = String::new();
    let mut width = 0;
    for c in line.chars() {
        let w = if c.is_ascii() { 1 } else { 2 };
        if width + w > cols && !matches!(c, '。' | '、' | '」' | '）' | '〕') {
            out.push(std::mem::take(&mut cur));
            width = 0;
        }
        cur.push(c);
        width += w;
    }
    out.push(cur);
}

/// PDF damage: splits a paragraph mid-word as if a page ended inside it. The returned halves
/// are joined by the caller with a blank line and perhaps a footer.
pub fn split_mid(rng: &mut Rng, text: &str) -> Option<(String, String)> {
    let chars: Vec<char> = text.chars().collect();
    if chars.len() < 20 {
        return None;
    }
    let at = rng.usize(chars.len() / 3..chars.len() * 2 / 3);
    if matches!(chars[at], '。' | '、') || matches!(chars[at - 1], '。') {
        return None;
    }
    Some((chars[..at].iter().collect(), chars[at..].iter().collect()))
}
