//! Search matcher benchmarks on ~10 MB of generated, minutes-like Japanese text.
//!
//! The measured unit is one keystroke of incremental search: compile the query typed so far
//! (`Matcher::new`) and count every match in the whole text. The target is under 5 ms per
//! keystroke on 10 MB. Also measured: a one-character query (the worst case: a hit every few
//! characters) and a library-style `is_match_bytes` scan of raw bytes.
//!
//! The text is invented here from a fixed seed (no real minutes are used).

use std::hint::black_box;
use std::time::{Duration, Instant};

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use gijiroku::core::search::{Matcher, SearchOptions};

const TARGET_BYTES: usize = 10 << 20;

const NAMES: &[&str] = &[
    "山田", "佐藤", "鈴木", "高橋", "田中", "伊藤", "渡辺", "中村", "小林", "加藤", "吉田", "山本", "松本", "井上",
    "木村", "林", "清水", "山崎", "森", "池田",
];
const ROLES: &[&str] = &["委員", "委員長", "副委員長", "議員", "部長", "課長", "参事", "市長"];
const TOPICS: &[&str] = &[
    "学校給食の無償化",
    "地域公共交通の再編",
    "防災備蓄倉庫の整備",
    "子育て支援センター",
    "ＤＸ推進計画",
    "DX推進計画",
    "ふるさと納税の返礼品",
    "下水道使用料の改定",
    "女性管理職の登用",
    "空き家対策",
    "GIGAスクール構想",
    "ICT支援員の配置",
    "デジタル化の推進",
    "ごみ処理施設の更新",
    "観光振興ビジョン",
    "KPIの設定",
];
const OPENERS: &[&str] =
    &["それでは、", "ただいまの説明について、", "お尋ねいたします。", "関連して伺いますが、", "確認ですが、", ""];
const BODIES: &[&str] = &[
    "{topic}について、今年度の進捗状況をお示しください。",
    "{topic}に係る予算は令和{n}年度に{m}億円を計上しております。",
    "{topic}については、庁内の検討会議で協議を重ねてまいりました。",
    "{topic}の効果検証はどのように行うのか、お伺いします。",
    "ご指摘の{topic}につきましては、第{n}回の会議で報告したとおりでございます。",
    "{topic}に関するアンケートでは、回答者の{m}％が満足と答えております。",
    "{topic}を進めるに当たり、関係団体との調整が課題であると認識しております。",
    "令和 {n} 年度の{topic}は、前年度比{m}.{n}%の増となっております。",
    "{topic}の対象者数は、{m}人から{n}{m}人へ増加する見込みでございます。",
    "以上で{topic}に関する質疑を終結いたします。",
];

/// Deterministic, minutes-like text of about `TARGET_BYTES`.
fn generate_text() -> String {
    let mut rng = fastrand::Rng::with_seed(0x6769_6a69_726f_6b75);
    let mut text = String::with_capacity(TARGET_BYTES + 4096);
    let mut line_no = 0_u32;
    while text.len() < TARGET_BYTES {
        line_no += 1;
        if line_no % 40 == 0 {
            text.push_str("――――――――――――――――――――\n");
            text.push_str("（休憩　午前１１時０５分）\n");
        }
        let name = NAMES[rng.usize(..NAMES.len())];
        let role = ROLES[rng.usize(..ROLES.len())];
        text.push('○');
        text.push_str(name);
        text.push_str(role);
        text.push('　');
        for _ in 0..rng.usize(1..4) {
            text.push_str(OPENERS[rng.usize(..OPENERS.len())]);
            let body = BODIES[rng.usize(..BODIES.len())];
            let topic = TOPICS[rng.usize(..TOPICS.len())];
            let sentence = body
                .replace("{topic}", topic)
                .replace("{n}", &rng.u32(1..13).to_string())
                .replace("{m}", &rng.u32(2..500).to_string());
            text.push_str(&sentence);
        }
        text.push('\n');
    }
    text
}

fn count(matcher: &Matcher, text: &str) -> usize {
    matcher.find_iter(text).count()
}

/// One-off cost of the variant tables, measured on first use (each Matcher::new below builds
/// the table of its fold mode the first time only).
fn report_table_build() {
    for (query, kana, what) in [
        ("あ", true, "case-insensitive, kana fold"),
        ("A", true, "case-sensitive, kana fold"),
        ("あ", false, "case-insensitive, no kana fold"),
    ] {
        let start = Instant::now();
        let _ = Matcher::new(query, SearchOptions { kana_fold: kana });
        let cold = start.elapsed();
        let start = Instant::now();
        let _ = Matcher::new(query, SearchOptions { kana_fold: kana });
        let warm = start.elapsed();
        eprintln!("variant table ({what}): first Matcher::new {cold:?}, second {warm:?}");
    }
}

fn incremental(c: &mut Criterion) {
    report_table_build();
    let text = generate_text();
    eprintln!("text: {} bytes, {} lines", text.len(), text.lines().count());
    let options = SearchOptions::default();

    let mut group = c.benchmark_group("keystroke");
    group.sample_size(20);
    group.warm_up_time(Duration::from_millis(500));
    group.measurement_time(Duration::from_secs(3));
    for query in ["女性管理職", "ＤＸ推進計画", "giga", "kpiの設定"] {
        let chars: Vec<(usize, char)> = query.char_indices().collect();
        for &(i, c) in &chars {
            let prefix = &query[..i + c.len_utf8()];
            let hits = count(&Matcher::new(prefix, options).unwrap(), &text);
            eprintln!("{prefix:?}: {hits} hits");
            group.bench_with_input(BenchmarkId::new(query, prefix), prefix, |b, prefix| {
                b.iter(|| count(&Matcher::new(black_box(prefix), options).unwrap(), &text))
            });
        }
    }
    group.finish();

    let mut group = c.benchmark_group("one_char");
    group.sample_size(20);
    group.warm_up_time(Duration::from_millis(500));
    group.measurement_time(Duration::from_secs(3));
    for query in ["の", "、", "す", "1"] {
        let hits = count(&Matcher::new(query, options).unwrap(), &text);
        eprintln!("{query:?}: {hits} hits");
        group.bench_with_input(BenchmarkId::from_parameter(query), query, |b, query| {
            b.iter(|| count(&Matcher::new(black_box(query), options).unwrap(), &text))
        });
    }
    group.finish();

    let mut group = c.benchmark_group("library_scan");
    group.sample_size(20);
    group.measurement_time(Duration::from_secs(3));
    for query in ["女性管理職", "存在しない語句", "budget"] {
        let matcher = Matcher::new(query, options).unwrap();
        let bytes = text.as_bytes();
        group.bench_with_input(BenchmarkId::new("is_match_bytes", query), bytes, |b, bytes| {
            b.iter(|| matcher.is_match_bytes(black_box(bytes)))
        });
    }
    group.bench_function("Matcher::new(女性管理職)", |b| {
        b.iter(|| Matcher::new(black_box("女性管理職"), options).unwrap())
    });
    group.finish();
}

criterion_group!(benches, incremental);
criterion_main!(benches);
