//! Wrapping throughput of the line breaker.
//!
//! Claim: throughput is linear in text length — MB/s at ~10 MB is the same as at ~1 MB for each
//! width (40, 80, 200), and high enough (tens of MB/s in release) that re-wrapping a whole
//! meeting on resize is instant. The text is generated from a fixed seed, Japanese-heavy with
//! some ASCII numbers, words, spaces and tabs, in paragraphs of 20..400 graphemes like minutes.

use std::hint::black_box;
use std::time::Duration;

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use gijiroku::core::layout::breaker::{LineBreaker, RowSpan};
use gijiroku::core::width::AmbiguousWidth;

/// Invented vocabulary (not taken from real minutes).
const WORDS: &[&str] = &[
    "本日",
    "の",
    "委員会",
    "では",
    "予算案",
    "について",
    "審議",
    "を",
    "行い",
    "ました",
    "。",
    "、",
    "次に",
    "資料",
    "第",
    "３",
    "号",
    "を",
    "御覧",
    "ください",
    "「",
    "」",
    "（",
    "）",
    "ちょっと",
    "確認",
    "させて",
    "いただき",
    "たい",
    "と",
    "思います",
    "ー",
    "データ",
    "ベース",
    "？",
    "！",
    "……",
    "――",
    " ",
    " ",
    "　",
    "2024",
    "年度",
    "15%",
    "13.1%",
    "COVID-19",
    "Instagram",
    "システム",
    "改修",
    "に",
    "係る",
    "経費",
    "は",
    "約",
    "１２",
    "億円",
    "です",
    "https://example.jp/minutes/2024/",
    "\t",
    "👍",
    "①",
    "※",
    "○",
];

/// Paragraphs totalling about `bytes`, from a fixed seed.
fn corpus(bytes: usize, seed: u64) -> Vec<String> {
    let mut rng = fastrand::Rng::with_seed(seed);
    let mut paragraphs = Vec::new();
    let mut total = 0;
    while total < bytes {
        let words = rng.usize(10..200);
        let mut p = String::new();
        if rng.bool() {
            p.push('\u{3000}');
        }
        for _ in 0..words {
            p.push_str(WORDS[rng.usize(..WORDS.len())]);
        }
        total += p.len() + 1;
        paragraphs.push(p);
    }
    paragraphs
}

fn wrap_all(paragraphs: &[String], width: usize, out: &mut Vec<RowSpan>) -> usize {
    let mut breaker = LineBreaker::new();
    let mut rows = 0;
    for p in paragraphs {
        out.clear();
        breaker.break_into(p, width, AmbiguousWidth::Narrow, out);
        rows += out.len();
    }
    rows
}

fn bench(c: &mut Criterion) {
    for (label, bytes, seed) in [("1MB", 1 << 20, 1), ("10MB", 10 << 20, 10)] {
        let paragraphs = corpus(bytes, seed);
        let size: usize = paragraphs.iter().map(|p| p.len() + 1).sum();
        let mut group = c.benchmark_group(format!("break_paragraph/{label}"));
        group.throughput(Throughput::Bytes(size as u64));
        group.sample_size(10);
        group.warm_up_time(Duration::from_secs(1));
        group.measurement_time(Duration::from_secs(if bytes > 1 << 20 { 8 } else { 3 }));
        for width in [40, 80, 200] {
            let mut out = Vec::new();
            group.bench_with_input(BenchmarkId::from_parameter(width), &width, |b, &w| {
                b.iter(|| wrap_all(black_box(&paragraphs), w, &mut out))
            });
        }
        group.finish();
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
