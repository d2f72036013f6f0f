//! Verbatim assembly minutes (会議録) and Diet API responses (kokkai JSON).

use fastrand::Rng;

use super::formats::{gov_of, times};
use super::text::{Ctx, Date, Style, follow_up, fullwidth, hard_wrap, ja_time, kanji_number, speech};
use super::words::*;

/// Verbatim assembly minutes: 議事日程, a member table, `○議長（…君）　` speech lines, `◆`
/// members, `◎` officials, stage directions and separators. `damaged` hard-wraps the body at 36
/// columns with page footers, as text pulled out of a PDF.
pub fn verbatim(rng: &mut Rng, date: Date, target: usize, damaged: bool) -> String {
    let city = pick(rng, CITIES);
    let gov = gov_of(city);
    let head_title = format!("{gov}長");
    let members = people(rng, 12..=24);
    let chair = members[members.len() - 1];
    let head = people(rng, 1..=1)[0];
    let officials: Vec<(&str, Person)> = {
        let mut titles: Vec<&str> = OFFICIALS.to_vec();
        rng.shuffle(&mut titles);
        let ps = people(rng, 4..=4);
        titles.into_iter().zip(ps).collect()
    };
    let (start, _) = times(rng);
    let (era, ey) = date.era();
    let no = rng.u32(1..=4);
    let mut out = String::with_capacity(target + 8192);
    ln!(out, "{}\n", fullwidth(&format!("{era}{ey}年第{}回{city}議会定例会会議録（第{no}号）", rng.u32(1..=4))));
    ln!(out, "{}\n", date.assembly_form());
    ln!(out, "{}", fullwidth(&format!("議事日程（第{no}号）")));
    ln!(out, "第１　会議録署名議員の指名\n第２　一般質問\n");
    ln!(out, "出席議員（{}名）", members.len());
    for (row, pair) in members.chunks(2).enumerate() {
        let mut line = String::new();
        for (k, p) in pair.iter().enumerate() {
            let number = fullwidth(&format!("{:>2}", row * 2 + k + 1)).replace(' ', "\u{3000}");
            line.push_str(&format!("\u{3000}{number}番\u{3000}\u{3000}{}\u{3000}君\u{3000}\u{3000}", p.table_cell()));
        }
        ln!(out, "{}", line.trim_end_matches('\u{3000}'));
    }
    ln!(out, "\n説明のため出席した者\n\u{3000}{head_title}\u{3000}\u{3000}{}", head.spaced());
    for (title, p) in &officials {
        ln!(out, "\u{3000}{title}\u{3000}\u{3000}{}", p.spaced());
    }
    let header_end = out.len();
    ln!(out, "\n{}\u{3000}開議", ja_time(start.0, start.1));
    let chair_label = format!("○議長（{}君）\u{3000}", chair.name());
    ln!(out, "{chair_label}ただいまから本日の会議を開きます。\n―――◇―――\n◎日程第１\u{3000}会議録署名議員の指名");
    ln!(out, "{chair_label}日程第１、会議録署名議員の指名を行います。\n―――◇―――\n◎日程第２\u{3000}一般質問");
    put!(out, "{chair_label}日程第２、一般質問を行います。通告順に発言を許します。\n\u{3000}");
    let mut minutes = start.0 * 60 + start.1;
    let mut asked = 0;
    while out.len() < target {
        let (number, member) = {
            let i = rng.usize(..members.len() - 1);
            (fullwidth(&(i + 1).to_string()), members[i])
        };
        let ctx = Ctx { topic: pick(rng, TOPICS).1, gov, date };
        if asked > 0 {
            out.push_str(&chair_label);
        }
        ln!(out, "{number}番、{}議員。\n〔{number}番\u{3000}{}君\u{3000}登壇〕", member.name(), member.name());
        if rng.bool() {
            ln!(out, "〔拍手〕");
        }
        let member_label = format!("◆{number}番（{}君）\u{3000}", member.name());
        paragraphs(&mut out, &member_label, speech(rng, &ctx, Style::Polite, true, 2..=5));
        ln!(out, "{chair_label}{head_title}。\n〔{head_title}\u{3000}{}\u{3000}登壇〕", head.spaced());
        let head_label = format!("◎{head_title}（{}）\u{3000}", head.spaced());
        let mut answer = vec![format!("{}議員の御質問にお答えいたします。", member.surname)];
        answer.extend(speech(rng, &ctx, Style::Polite, false, 2..=4));
        paragraphs(&mut out, &head_label, answer);
        for _ in 0..rng.usize(0..=3) {
            let (title, official) = officials[rng.usize(..officials.len())];
            paragraphs(&mut out, &member_label, follow_up(rng, &ctx, Style::Polite, 1..=1));
            if rng.u32(0..8) == 0 {
                out.truncate(out.len() - 1);
                ln!(out, "（発言する者あり）");
            }
            ln!(out, "{chair_label}{title}。");
            let label = format!("◎{title}（{}）\u{3000}", official.spaced());
            paragraphs(&mut out, &label, speech(rng, &ctx, Style::Polite, false, 1..=2));
        }
        ln!(out, "〔拍手〕\n{chair_label}以上で{}議員の一般質問を終わります。", member.name());
        asked += 1;
        minutes += rng.u32(25..=50);
        if asked % 3 == 0 {
            ln!(
                out,
                "\u{3000}ここで暫時休憩いたします。\n{}\u{3000}休憩\n―――◇―――",
                ja_time(minutes / 60, minutes % 60)
            );
            minutes += 15;
            ln!(
                out,
                "{}\u{3000}再開\n{chair_label}休憩前に引き続き会議を開きます。",
                ja_time(minutes / 60, minutes % 60)
            );
        }
    }
    ln!(out, "{chair_label}以上で本日の日程は全部終了いたしました。\n\u{3000}本日はこれにて散会いたします。");
    ln!(out, "{}散会", ja_time(minutes / 60, minutes % 60));
    if damaged { pdf_pages(rng, &out, header_end) } else { out }
}

/// Writes a speech: the label and first paragraph on one line, then one line per paragraph
/// starting with U+3000.
fn paragraphs(out: &mut String, label: &str, paras: Vec<String>) {
    for (i, p) in paras.iter().enumerate() {
        if i == 0 {
            ln!(out, "{label}{p}");
        } else {
            ln!(out, "\u{3000}{p}");
        }
    }
}

/// Re-lays the body (after `header_end`) as PDF text: 36-column hard wraps and a footer every
/// 38–44 lines in one of the footer styles.
fn pdf_pages(rng: &mut Rng, text: &str, header_end: usize) -> String {
    let (head, body) = text.split_at(header_end);
    let mut lines = Vec::new();
    for line in body.lines() {
        hard_wrap(line, 36, &mut lines);
    }
    let style = rng.u32(0..3);
    let mut page = rng.u32(1..=40);
    let mut out = String::with_capacity(text.len() + lines.len() + 1024);
    out.push_str(head);
    let mut until_footer = rng.usize(38..=44);
    for line in lines {
        ln!(out, "{line}");
        until_footer -= 1;
        if until_footer == 0 {
            match style {
                0 => ln!(out, "- {page} -"),
                1 => ln!(out, "\nP.{page}\n"),
                _ => ln!(out, "<PAGE=\"{page}\">"),
            }
            page += 1;
            until_footer = rng.usize(38..=44);
        }
    }
    out
}

/// Appends `text` as a JSON string literal.
fn json_str(out: &mut String, text: &str) {
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 => put!(out, "\\u{:04x}", c as u32),
            c => out.push(c),
        }
    }
    out.push('"');
}

/// One speechRecord of the `meeting` endpoint, on one line.
struct Speech<'a> {
    speaker: &'a str,
    yomi: Option<&'a str>,
    group: Option<&'a str>,
    position: Option<&'a str>,
    role: Option<&'a str>,
    text: &'a str,
}

fn record(out: &mut String, id: &str, order: usize, page: u32, stamp: &str, s: &Speech) {
    put!(out, "        {{\"speechID\": \"{id}_{order:03}\", \"speechOrder\": {order}, \"speaker\": ");
    json_str(out, s.speaker);
    for (key, value) in
        [("speakerYomi", s.yomi), ("speakerGroup", s.group), ("speakerPosition", s.position), ("speakerRole", s.role)]
    {
        put!(out, ", \"{key}\": ");
        match value {
            Some(v) => json_str(out, v),
            None => out.push_str("null"),
        }
    }
    out.push_str(", \"speech\": ");
    json_str(out, s.text);
    put!(out, ", \"startPage\": {page}, \"createTime\": \"{stamp}\", \"updateTime\": \"{stamp}\", ");
    put!(out, "\"speechURL\": \"https://example.invalid/kokkai/txt/{id}/{order}\"}}");
}

/// A `meeting` endpoint response with one fictional committee meeting: the 会議録情報 header
/// record, then speeches starting `○肩書（氏名君）　` with CRLF and U+3000 paragraph starts.
pub fn kokkai(rng: &mut Rng, date: Date, target: usize) -> String {
    let (committee, minister_title) = pick(rng, DIET_COMMITTEES);
    let house = if rng.bool() { "参議院" } else { "衆議院" };
    let session = 189 + (date.year - 2015) * 2 + u32::from(date.month > 8);
    let issue = rng.u32(1..=20);
    let id =
        format!("9{session:03}{:05}X{issue:03}{:04}{:02}{:02}", rng.u32(0..100_000), date.year, date.month, date.day);
    let stamp = format!(
        "{:04}-{:02}-{:02} {:02}:{:02}:{:02}",
        date.year,
        date.month,
        date.day.min(20) + 8,
        rng.u32(9..=18),
        rng.u32(0..60),
        rng.u32(0..60)
    );
    let ps = people(rng, 9..=9);
    let (chair, minister, official) = (ps[0], ps[1], ps[2]);
    let members = &ps[3..];
    let groups: Vec<&str> = members.iter().map(|_| pick(rng, GROUPS)).collect();
    let (start, _) = times(rng);
    let topic = pick(rng, TOPICS);
    let ctx = Ctx { topic: topic.1, gov: "国", date };

    let mut header = format!(
        "{}（{}曜日）\r\n   {}開会\r\n  出席者は左のとおり。\r\n    委員長         {}君\r\n    委 員\r\n",
        date.kanji_form(),
        date.weekday_ja(),
        kanji_time(start),
        chair.spaced().replace('\u{3000}', " ")
    );
    for p in members {
        put!(header, "                {}君\r\n", p.spaced().replace('\u{3000}', " "));
    }
    put!(header, "  本日の会議に付した案件\r\n○{}に関する件", topic.0);

    let mut out = String::with_capacity(target + 4096);
    ln!(
        out,
        "{{\n  \"numberOfRecords\": 1,\n  \"numberOfReturn\": 1,\n  \"startRecord\": 1,\n  \"nextRecordPosition\": null,\n  \"meetingRecord\": [\n    {{"
    );
    ln!(
        out,
        "      \"issueID\": \"{id}\",\n      \"imageKind\": \"会議録\",\n      \"searchObject\": 0,\n      \"session\": {session},"
    );
    ln!(
        out,
        "      \"nameOfHouse\": \"{house}\",\n      \"nameOfMeeting\": \"{committee}\",\n      \"issue\": \"第{issue}号\","
    );
    ln!(out, "      \"date\": \"{}\",\n      \"closing\": null,\n      \"speechRecord\": [", date.iso());
    let header_rec =
        Speech { speaker: "会議録情報", yomi: None, group: None, position: None, role: None, text: &header };
    record(&mut out, &id, 0, 0, &stamp, &header_rec);
    let (chair_name, chair_yomi) = (chair.name(), chair.yomi());
    let chair_text = format!(
        "○委員長（{chair_name}君）\u{3000}ただいまから{committee}を開会いたします。\r\n\u{3000}{}に関する件を議題とし、質疑を行います。",
        topic.0
    );
    let chair_rec = Speech {
        speaker: &chair_name,
        yomi: Some(&chair_yomi),
        group: Some(GROUPS[0]),
        position: Some("委員長"),
        role: None,
        text: &chair_text,
    };
    let mut order = 1;
    let mut page = 1;
    put!(out, ",\n");
    record(&mut out, &id, order, page, &stamp, &chair_rec);
    while out.len() < target {
        let i = rng.usize(..members.len());
        let asker = members[i];
        let (name, yomi) = (asker.name(), asker.yomi());
        let text = join_speech(&format!("○{name}君"), speech(rng, &ctx, Style::Polite, true, 1..=4));
        order += 1;
        page += u32::from(order % 4 == 0);
        put!(out, ",\n");
        record(
            &mut out,
            &id,
            order,
            page,
            &stamp,
            &Speech {
                speaker: &name,
                yomi: Some(&yomi),
                group: Some(groups[i]),
                position: None,
                role: None,
                text: &text,
            },
        );
        let by_minister = rng.bool();
        let answerer = if by_minister { minister } else { official };
        let (name, yomi) = (answerer.name(), answerer.yomi());
        let label = if by_minister {
            format!("○国務大臣（{name}君）")
        } else {
            format!("○政府参考人（{name}君）")
        };
        let mut paras = vec!["お答えいたします。".to_owned()];
        paras.extend(speech(rng, &ctx, Style::Polite, false, 1..=3));
        let text = join_speech(&label, paras);
        let (group, position, role) = if by_minister {
            (Some(GROUPS[0]), Some(minister_title), None)
        } else {
            (None, Some("政府参考人"), Some("政府参考人"))
        };
        order += 1;
        put!(out, ",\n");
        record(
            &mut out,
            &id,
            order,
            page,
            &stamp,
            &Speech { speaker: &name, yomi: Some(&yomi), group, position, role, text: &text },
        );
    }
    let close = format!("○委員長（{chair_name}君）\u{3000}本日はこれにて散会いたします。");
    put!(out, ",\n");
    record(&mut out, &id, order + 1, page, &stamp, &Speech { text: &close, ..chair_rec });
    ln!(
        out,
        "\n      ],\n      \"meetingURL\": \"https://example.invalid/kokkai/txt/{id}/0\",\n      \"pdfURL\": \"https://example.invalid/kokkai/pdf/{id}.pdf\"\n    }}\n  ]\n}}"
    );
    out
}

/// `○label　first\r\n　second…`
fn join_speech(label: &str, paras: Vec<String>) -> String {
    let mut text = format!("{label}\u{3000}");
    for (i, p) in paras.iter().enumerate() {
        if i > 0 {
            text.push_str("\r\n\u{3000}");
        }
        text.push_str(p);
    }
    text
}

/// `午前十時`, `午後一時三十分` as the Diet header writes the opening time.
fn kanji_time((h, m): (u32, u32)) -> String {
    let (half, h12) = if h < 12 { ("午前", h) } else { ("午後", h - 12) };
    let hour = if h12 == 0 { "零".to_owned() } else { kanji_number(h12) };
    if m == 0 { format!("{half}{hour}時") } else { format!("{half}{hour}時{}分", kanji_number(m)) }
}
