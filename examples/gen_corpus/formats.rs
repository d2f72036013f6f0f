//! Committee summaries (議事要旨), Japanese colon memos and Markdown notes.

use fastrand::Rng;

use super::text::{Ctx, Date, Style, english, ja_time, space_ascii, speech, split_mid};
use super::words::*;

/// Start and end of a meeting as (hour, minute) pairs.
pub fn times(rng: &mut Rng) -> ((u32, u32), (u32, u32)) {
    let start = (rng.u32(9..=15), if rng.bool() { 0 } else { 30 });
    let minutes = start.0 * 60 + start.1 + 30 * rng.u32(2..=5);
    (start, (minutes / 60, minutes % 60))
}

/// 1–3 distinct agenda topics.
fn topics(rng: &mut Rng) -> Vec<(&'static str, &'static str)> {
    let mut idx: Vec<usize> = (0..TOPICS.len()).collect();
    rng.shuffle(&mut idx);
    idx.into_iter().take(rng.usize(1..=3)).map(|i| TOPICS[i]).collect()
}

/// The government word for a municipality: its last character (市, 町, 村).
pub fn gov_of(city: &str) -> &str {
    city.char_indices().last().map_or(city, |(i, _)| &city[i..])
}

/// The town hall: 市役所, but 町役場 and 村役場.
fn office(gov: &str) -> &'static str {
    if gov == "市" { "役所" } else { "役場" }
}

const CIRCLED: [&str; 3] = ["①", "②", "③"];

/// A committee summary shaped like the reference document: numbered header sections, the order
/// of business, `議事①…について` headings and bracketed speaker lines. `damaged` adds the marks of
/// PDF extraction (spaces around ASCII, paragraphs split at page ends with footers).
pub fn summary(rng: &mut Rng, date: Date, target: usize, damaged: bool) -> String {
    let city = pick(rng, CITIES);
    let gov = gov_of(city);
    let body = pick(rng, BODIES);
    let members = people(rng, 5..=9);
    let topics = topics(rng);
    let (start, end) = times(rng);
    let (open, close) = match rng.u32(0..10) {
        0..=6 => ("[", "]"),
        7 | 8 => ("【", "】"),
        _ => ("［", "］"),
    };
    let mut out = String::with_capacity(target + 4096);
    let round = rng.u32(1..=4);
    ln!(out, "\n{}（{}年度）第{round}回 {city}{body}-議事要旨\n", date.fiscal(0), date.year);
    ln!(out, "1 日 時\n\n{} {}～{}\n", date.summary_form(), ja_time(start.0, start.1), ja_time(end.0, end.1));
    ln!(out, "2 場 所\n\n{city}{} {}階 第{}会議室\n", office(gov), rng.u32(2..=8), rng.u32(1..=5));
    let names: Vec<String> = members.iter().map(|p| p.name()).collect();
    ln!(out, "3 出席委員（敬称略）\n\n{}\n", names.join("、"));
    ln!(out, "4 配付資料\n");
    for (i, (title, _)) in topics.iter().enumerate() {
        ln!(out, "資料{} {city}{title}（案）\n", i + 1);
    }
    ln!(out, "5 次 第\n\n（1）開会\n\n（2）議事\n");
    for (i, (title, _)) in topics.iter().enumerate() {
        ln!(out, "{}{title}について\n", CIRCLED[i]);
    }
    ln!(
        out,
        "（3）閉会\n\n6 議事録（要旨）\n\n※この議事要旨は、発言の趣旨を損なわない範囲で事務局が要約したものです。\n"
    );

    let chair = format!("{}会長", members[0].surname);
    let dept = pick(rng, DEPARTMENTS);
    let mut page = rng.u32(2..=4);
    for (i, (title, short)) in topics.iter().enumerate() {
        let ctx = Ctx { topic: short, gov, date };
        ln!(out, "議事{}{title}について\n", CIRCLED[i]);
        ln!(out, "{open}{dept}{close}\n\n【資料 {}】に基づき説明\n", i + 1);
        let budget = target * (i + 1) / topics.len();
        while out.len() < budget {
            let member = pick(rng, &members[1..]);
            let paras = speech(rng, &ctx, Style::Plain, true, 1..=2);
            turn(rng, &mut out, &format!("{open}{}委員{close}", member.surname), paras, damaged, &mut page);
            let who = if rng.u32(0..4) == 0 { pick(rng, OFFICIALS).to_owned() } else { dept.to_owned() };
            let paras = speech(rng, &ctx, Style::Plain, false, 1..=2);
            turn(rng, &mut out, &format!("{open}{who}{close}"), paras, damaged, &mut page);
            if rng.u32(0..5) == 0 {
                let paras = speech(rng, &ctx, Style::Plain, false, 1..=1);
                turn(rng, &mut out, &format!("{open}{chair}{close}"), paras, damaged, &mut page);
            }
        }
    }
    out
}

/// One summary turn: the speaker line, then paragraphs separated by blank lines.
fn turn(rng: &mut Rng, out: &mut String, label: &str, paras: Vec<String>, damaged: bool, page: &mut u32) {
    ln!(out, "{label}\n");
    for p in paras {
        let p = if damaged { space_ascii(&p) } else { p };
        let split = if damaged && rng.u32(0..12) == 0 { split_mid(rng, &p) } else { None };
        match split {
            Some((a, b)) => {
                ln!(out, "{a}\n");
                if rng.bool() {
                    ln!(out, "－{page}－\n");
                }
                *page += 1;
                ln!(out, "{b}\n");
            }
            None => ln!(out, "{p}\n"),
        }
    }
}

/// A typed memo with `山田委員：…` lines, `(14:00)` timestamps and header lines that look like
/// speakers but are not (`議題：`, `注意：`).
pub fn colon(rng: &mut Rng, date: Date, target: usize) -> String {
    let city = pick(rng, CITIES);
    let gov = gov_of(city);
    let body = pick(rng, BODIES);
    let members = people(rng, 4..=8);
    let topics = topics(rng);
    let (start, end) = times(rng);
    let mut out = String::with_capacity(target + 2048);
    ln!(out, "{city}{body}（{}第{}回）議事メモ\n", date.fiscal(0), rng.u32(1..=4));
    ln!(
        out,
        "日時：{}年{}月{}日（{}）{}:{:02}～{}:{:02}",
        date.year,
        date.month,
        date.day,
        date.weekday_ja(),
        start.0,
        start.1,
        end.0,
        end.1
    );
    ln!(out, "場所：{city}{}　{}階　会議室{}", office(gov), rng.u32(2..=6), rng.u32(1..=4));
    let names: Vec<&str> = members.iter().map(|p| p.surname).collect();
    ln!(out, "出席者：{}（以上委員）", names.join("、"));
    let agenda: Vec<String> = topics.iter().enumerate().map(|(i, (t, _))| format!("{}．{t}について", i + 1)).collect();
    ln!(out, "議題：{}", agenda.join("　"));
    ln!(out, "注意：本メモは要点記録であり、発言は趣旨を要約している。\n");
    let chair = members[0].surname;
    let mut minute = start.0 * 60 + start.1;
    ln!(
        out,
        "({}:{:02})\n委員長({chair}君):ただいまより会議を開会します。本日の議題は{}件です。\n",
        start.0,
        start.1,
        topics.len()
    );
    for (i, (title, short)) in topics.iter().enumerate() {
        let ctx = Ctx { topic: short, gov, date };
        ln!(out, "■ 議題{}　{title}について\n", i + 1);
        let budget = target * (i + 1) / topics.len();
        while out.len() < budget {
            let member = pick(rng, &members[1..]);
            ln!(out, "{}委員：{}", member.surname, speech(rng, &ctx, Style::Plain, true, 1..=1).concat());
            ln!(out, "事務局：{}", speech(rng, &ctx, Style::Plain, false, 1..=1).concat());
            if rng.u32(0..6) == 0 && minute + 20 < end.0 * 60 + end.1 {
                minute += rng.u32(5..=15);
                ln!(out, "\n({}:{:02})", minute / 60, minute % 60);
            }
        }
        ln!(out, "委員長({chair}君):議題{}については了承とします。\n", i + 1);
    }
    ln!(out, "({}:{:02})\n以上", end.0, end.1);
    out
}

/// English (sometimes mixed Japanese) Markdown notes: `## n. item` headings, `Name: text`
/// paragraphs, `* Name: text` bullets, combined `A/B:` speakers, and `Open issues:` style lines.
pub fn notes(rng: &mut Rng, date: Date, target: usize) -> String {
    let mut names: Vec<&str> = EN_NAMES.to_vec();
    rng.shuffle(&mut names);
    let japanese = rng.u32(0..10) < 3;
    let jp_people = people(rng, 3..=3);
    if japanese {
        for (slot, p) in names.iter_mut().zip(&jp_people) {
            *slot = p.surname;
        }
    }
    let names = &names[..rng.usize(4..=7)];
    let mut out = String::with_capacity(target + 2048);
    ln!(out, "# Open Transit Data WG — Meeting {}\n", rng.u32(1..=60));
    ln!(out, "Date: {}", date.iso());
    ln!(out, "Attendees: {}\n", names.join(", "));
    ln!(out, "Since last meeting:\n* {}\n* {}\n", english(rng), english(rng));
    let items = rng.usize(2..=5);
    let mut topics: Vec<&str> = EN_TOPICS.to_vec();
    rng.shuffle(&mut topics);
    let jp_ctx = Ctx { topic: pick(rng, TOPICS).1, gov: "市", date };
    let mut in_list = false;
    for (i, topic) in topics.iter().take(items).enumerate() {
        let mut heading = topic.to_string();
        if let Some(first) = heading.get_mut(..1) {
            first.make_ascii_uppercase();
        }
        ln!(out, "## {}. {heading}\n", i + 1);
        let budget = target * (i + 1) / items;
        while out.len() < budget {
            let at = rng.usize(..names.len());
            let who = names[at];
            let text = if japanese && who.chars().next().is_some_and(|c| !c.is_ascii()) {
                {
                    let question = rng.bool();
                    speech(rng, &jp_ctx, Style::Plain, question, 1..=1).concat()
                }
            } else {
                english(rng)
            };
            let bullet = rng.u32(0..10) >= 6;
            if in_list && !bullet {
                out.push('\n'); // a paragraph right after a list would continue its last item
            }
            in_list = bullet;
            match rng.u32(0..10) {
                _ if bullet => ln!(out, "* {who}: {text}"),
                0 => ln!(out, "{who}/{}: {text}\n", names[(at + 1) % names.len()]),
                _ => ln!(out, "{who}: {text}\n"),
            }
        }
        in_list = false;
        ln!(out, "\nOpen issues:\n* {}\n", english(rng));
    }
    ln!(out, "Action items:");
    for who in names.iter().take(3) {
        ln!(out, "* [ ] {who} to follow up on {}", pick(rng, EN_TOPICS));
    }
    out
}
