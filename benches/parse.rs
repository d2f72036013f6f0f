//! Parse throughput on generated minutes, one group per format.
//!
//! Claim checked: **parse is linear in text size** — each format is parsed at 1 MB and 10 MB,
//! and the MB/s of the two sizes should agree (a quadratic step would make 10 MB ten times
//! slower per byte). Texts are generated from our own phrase tables with a fixed seed, so runs
//! compare like with like.

use std::fmt::Write as _;
use std::hint::black_box;
use std::time::Duration;

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use gijiroku::core::parse::parse_bytes;

const SURNAMES: &[&str] =
    &["青山", "井口", "上村", "江藤", "大川", "小西", "北村", "久保", "斉藤", "田辺", "中野", "浜田"];
const GIVEN: &[&str] = &["一郎", "花子", "健太", "匠", "進", "悟", "由紀", "亮", "美咲", "大地"];
const POSITIONS: &[&str] = &["市長", "副市長", "総務部長", "教育部長", "都市整備部長", "福祉課長"];
const PHRASES: &[&str] = &[
    "ただいまの御質問にお答えいたします。",
    "本件につきましては、関係部局と協議を重ねてまいりました。",
    "令和７年度の予算においては、地域の交通を守る取組を拡充しております。",
    "利用者の声を丁寧に伺いながら、見直しを進めてまいります。",
    "この点について、市の見解を伺いたいと思います。",
    "財源の確保が課題であり、国の補助制度の活用を検討しております。",
    "図書館の開館時間の延長については、試行の結果を踏まえて判断いたします。",
    "防災訓練は、休日と夜間にも実施する方向で調整しております。",
    "The committee reviewed the draft and agreed to publish it next week.",
    "財政状況は厳しいものの、子育て支援は最優先で進める考えであります。",
];
const TOPICS: &[&str] = &[
    "バス路線の再編について",
    "図書館の運営について",
    "防災体制の強化について",
    "学校給食について",
    "公共施設の更新について",
];

struct Gen(fastrand::Rng);

impl Gen {
    fn new() -> Self {
        Gen(fastrand::Rng::with_seed(0x6769_6a69))
    }
    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.0.usize(..items.len())]
    }
    fn name(&mut self) -> String {
        format!("{}{}", self.pick(SURNAMES), self.pick(GIVEN))
    }
    fn sentences(&mut self, n: usize) -> String {
        (0..n).map(|_| self.pick(PHRASES)).collect()
    }
}

/// Assembly minutes: header tables, ◎日程 headings, ○◆◎ speaker lines with indented
/// continuation paragraphs, stage directions and separators.
fn verbatim(size: usize) -> String {
    let mut g = Gen::new();
    let mut out = String::from(
        "令和７年第２回架空市議会定例会会議録（第１号）\n\n令和７年６月１２日（木曜日）\n\n議事日程（第１号）\n",
    );
    for (i, topic) in TOPICS.iter().enumerate() {
        let _ = writeln!(out, "第{}　{topic}", i + 1);
    }
    out.push_str("\n出席議員（12名）\n");
    for seat in (1..=12).step_by(2) {
        let _ = writeln!(out, "　　{seat}番　　{}　君　　　　{}番　　{}　君", g.name(), seat + 1, g.name());
    }
    out.push_str("\n午前10時　開議\n");
    let mut item = 0;
    while out.len() < size {
        item += 1;
        let _ = writeln!(out, "―――◇―――\n◎日程第{item}　{}", g.pick(TOPICS));
        for turn in 0..40 {
            match turn % 4 {
                0 => out.push_str("○議長（山田太郎君）　"),
                1 => {
                    let _ = write!(out, "◆{}番（{}君）　", g.0.u32(1..30), g.name());
                }
                2 => {
                    let _ = write!(
                        out,
                        "〔{}　{}　登壇〕\n◎{}（{}）　",
                        g.pick(POSITIONS),
                        g.name(),
                        g.pick(POSITIONS),
                        g.name()
                    );
                }
                _ => out.push_str("（「異議なし」と呼ぶ者あり）\n○議長（山田太郎君）　"),
            }
            let sentences = g.0.usize(1..4);
            out.push_str(&g.sentences(sentences));
            for _ in 0..g.0.usize(0..4) {
                let n = g.0.usize(1..5);
                let _ = write!(out, "\n　{}", g.sentences(n));
            }
            out.push('\n');
        }
    }
    out.push_str("午前11時36分散会\n");
    out
}

/// Committee summary: numbered header sections, 議事① headings, `[…委員]` lines, blank-line
/// paragraphs, and paragraphs split at page ends with a footer between the halves.
fn summary(size: usize) -> String {
    let mut g = Gen::new();
    let mut out = String::from(
        "令和７年度 第１回 架空市交通委員会 議事要旨\n\n1 日 時\n\n令和7年5月20日（火） 午前10時～午前11時半\n\n2 場 所\n\n架空市役所\n\n3 出席委員（敬称略）\n\n",
    );
    let names: Vec<String> = (0..6).map(|_| g.name()).collect();
    let _ = write!(out, "{}\n\n5 次 第\n\n（1）開会\n\n（2）議事\n\n", names.join("、"));
    for (i, topic) in TOPICS.iter().enumerate() {
        let _ = write!(out, "{}{topic}\n\n", char::from_u32('①' as u32 + i as u32).unwrap_or('①'));
    }
    out.push_str("（3）閉会\n\n6 議事録（要旨）\n\n");
    let mut page = 1;
    while out.len() < size {
        for (i, topic) in TOPICS.iter().enumerate() {
            let _ = write!(out, "議事{}{topic}\n\n", char::from_u32('①' as u32 + i as u32).unwrap_or('①'));
            for turn in 0..30 {
                let label = if turn % 2 == 0 { format!("{}委員", g.pick(SURNAMES)) } else { "企画課".to_owned() };
                let _ = write!(out, "[{label}]\n\n");
                for _ in 0..g.0.usize(1..4) {
                    let n = g.0.usize(1..6);
                    out.push_str(&g.sentences(n));
                    if g.0.u8(..) < 20 {
                        page += 1;
                        let _ = write!(out, "そのため、おそ\n\n－{page}－\n\nらく次の段階に進む。");
                    }
                    out.push_str("\n\n");
                }
            }
        }
    }
    out
}

/// Markdown notes with `## N. Item` headings, `Name: text` turns and bullets.
fn colon(size: usize) -> String {
    let mut g = Gen::new();
    let people = ["Priya", "Lena", "Tomasz", "Aiko", "山田委員", "所長"];
    let mut out = String::from("# Working group notes\n\nDate: 2025-03-14\nAttendees: Priya, Lena, Tomasz, Aiko\n\n");
    let mut item = 0;
    while out.len() < size {
        item += 1;
        let _ = write!(out, "## {item}. {}\n\n", g.pick(TOPICS));
        for turn in 0..30 {
            let bullet = if turn % 5 == 0 { "* " } else { "" };
            let n = g.0.usize(1..4);
            let _ = write!(out, "{bullet}{}: {}\n\n", g.pick(&people), g.sentences(n));
        }
        out.push_str("Open issues:\n* one\n* two\n\n");
    }
    out
}

/// A Diet API `speech` response: records with CRLF speeches and the `○…君　` prefix.
fn kokkai(size: usize) -> String {
    let mut g = Gen::new();
    let mut out = String::from("{\"numberOfRecords\": 1, \"speechRecord\": [\n");
    let mut order = 0;
    while out.len() < size {
        order += 1;
        let name = g.name();
        let mut speech = format!("○{}（{name}君）\u{3000}", g.pick(POSITIONS));
        for _ in 0..g.0.usize(1..5) {
            let n = g.0.usize(1..4);
            let _ = write!(speech, "{}\\r\\n\u{3000}", g.sentences(n));
        }
        let _ = writeln!(
            out,
            "{{\"speechID\": \"X_{order}\", \"issueID\": \"X{}\", \"session\": 217, \"nameOfHouse\": \"参議院\", \"nameOfMeeting\": \"架空委員会\", \"issue\": \"第1号\", \"date\": \"2025-04-02\", \"speechOrder\": {order}, \"speaker\": \"{name}\", \"speakerYomi\": \"かくう\", \"speech\": \"{speech}\"}},",
            order / 500
        );
    }
    out.push_str("{\"speechOrder\": 0}]}\n");
    out
}

/// An assembly page as minutes search systems serve it: verbatim text in `<p>` blocks with `<br>`
/// line breaks, search-hit `<span>`s inside words, entities, a script and navigation chrome.
fn html(size: usize) -> String {
    let text = verbatim(size * 8 / 10);
    let mut out = String::from(
        "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>架空市議会 会議録</title>\n<script>var q = \"<p>\";</script></head>\n<body><nav><a href=\"/\">トップ</a> &gt; 会議録</nav>\n<div class=\"honbun\">\n",
    );
    for paragraph in text.split("\n○") {
        out.push_str("<p>○");
        for (n, line) in paragraph.lines().enumerate() {
            if n > 0 {
                out.push_str("<br>\n");
            }
            // A search hit marked inside a word, as result pages do.
            out.push_str(&line.replacen("予算", "<span class=\"hit\">予</span>算", 1).replace('&', "&amp;"));
        }
        out.push_str("</p>\n");
    }
    out.push_str("</div></body></html>\n");
    out
}

/// A research corpus: a list of meetings, each with its `Proceeding` list of utterances.
fn research(size: usize) -> String {
    let mut g = Gen::new();
    let mut out = String::from("[\n");
    let mut meeting = 0;
    while out.len() < size {
        meeting += 1;
        let _ = write!(
            out,
            "{{\"Date\": \"2023/11/{}\", \"ProceedingTitle\": \"架空委員会速記録第{meeting}号\", \"Proceeding\": [\n{{\"Speaker\": \"null\", \"Utterance\": \"\u{3000}第二委員会室\\n\u{3000}午前十時開議\"}}",
            meeting % 28 + 1
        );
        for _ in 0..60 {
            let speaker = format!("{}{}", g.pick(SURNAMES), g.pick(&["委員長", "委員", "局長", "部長"]));
            let mut utterance = String::new();
            for n in 0..g.0.usize(1..4) {
                if n > 0 {
                    utterance.push_str("\\n\u{3000}");
                }
                let count = g.0.usize(1..4);
                utterance.push_str(&g.sentences(count));
            }
            let _ = write!(out, ",\n{{\"Speaker\": \"{speaker}\", \"Utterance\": \"{utterance}\"}}");
        }
        out.push_str("]},\n");
    }
    out.push_str("{\"Date\": \"2023/12/1\", \"ProceedingTitle\": \"最終号\", \"Proceeding\": [{\"Speaker\": \"北村委員長\", \"Utterance\": \"閉会します。\"}]}]\n");
    out
}

/// A weechat log of a scribed channel: joins, queue commands, scribed turns and continuations.
fn chat(size: usize) -> String {
    let mut g = Gen::new();
    let nicks = ["kana", "ren", "sora", "miyu", "dai"];
    let mut out = String::from(
        "2025-02-11 18:00:00\t▷\tsora (~sora@host.invalid) has joined #bus-users\n2025-02-11 18:00:01\tsora\tscribenick: sora\n",
    );
    let mut second = 0u32;
    while out.len() < size {
        second += 1;
        let clock = format!("{:02}:{:02}:{:02}", 18 + second / 3600 % 6, second / 60 % 60, second % 60);
        let line = match g.0.u8(..4) {
            0 => format!("sora\tMiyu: {}", g.pick(PHRASES)),
            1 => format!("sora\t... {}", g.pick(PHRASES)),
            2 => format!("{}\tq+", g.pick(&nicks)),
            _ => format!("{}\t{}", g.pick(&nicks), g.pick(PHRASES)),
        };
        let _ = writeln!(out, "2025-02-11 {clock}\t{line}");
    }
    out
}

/// Makes a text of about the given size in bytes.
type Generator = fn(usize) -> String;

fn bench(c: &mut Criterion) {
    // (name, the format the text must be read as, generator)
    let generators: [(&str, &str, Generator); 7] = [
        ("verbatim", "verbatim", verbatim),
        ("summary", "summary", summary),
        ("colon", "colon", colon),
        ("kokkai", "kokkai", kokkai),
        ("html", "verbatim", html),
        ("research-json", "records", research),
        ("chat", "chat", chat),
    ];
    for (name, format, generate) in generators {
        let mut group = c.benchmark_group(format!("parse/{name}"));
        group.sample_size(10).warm_up_time(Duration::from_millis(500)).measurement_time(Duration::from_secs(3));
        for megabytes in [1usize, 10] {
            let text = generate(megabytes * 1_000_000);
            // The generated text must be read as the format it imitates, or the figure is of
            // another parser.
            let parsed = parse_bytes(text.as_bytes());
            let speeches: usize = parsed.iter().map(|m| m.speech_count()).sum();
            assert!(parsed.iter().all(|m| m.format.as_str() == format), "{name} text detected as another format");
            assert!(speeches > 0, "{name} text gave no speech turns");
            eprintln!("{name} {megabytes}MB: {} bytes, {} meetings, {speeches} speech turns", text.len(), parsed.len());
            group.throughput(Throughput::Bytes(text.len() as u64));
            group.bench_with_input(BenchmarkId::from_parameter(format!("{megabytes}MB")), &text, |b, text| {
                b.iter(|| parse_bytes(black_box(text.as_bytes())))
            });
        }
        group.finish();
    }
}

/// The HTML extractor alone (tags out, text blocks in), apart from the parsers behind it.
fn bench_extract(c: &mut Criterion) {
    let mut group = c.benchmark_group("extract/html");
    group.sample_size(10).warm_up_time(Duration::from_millis(500)).measurement_time(Duration::from_secs(3));
    for megabytes in [1usize, 10] {
        let text = html(megabytes * 1_000_000);
        group.throughput(Throughput::Bytes(text.len() as u64));
        group.bench_with_input(BenchmarkId::from_parameter(format!("{megabytes}MB")), &text, |b, text| {
            b.iter(|| gijiroku::core::parse::html::extract(black_box(text)))
        });
    }
    group.finish();
}

criterion_group!(benches, bench, bench_extract);
criterion_main!(benches);
