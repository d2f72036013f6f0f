//! Incremental search inside one meeting, as the reader runs it per keystroke: compile the
//! query, scan the meeting's whole text, map every hit back to its paragraph. Claim: under 5 ms
//! per keystroke on a 10 MB meeting; time is linear in text size (1 MB vs 10 MB).

mod support;

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use gijiroku::core::hits::MeetingText;
use gijiroku::core::search::{Matcher, SearchOptions};

fn bench_search(c: &mut Criterion) {
    let mut group = c.benchmark_group("meeting_search");
    group.sample_size(20);
    for megabytes in [1usize, 10] {
        let meeting = support::meeting_of_size(megabytes << 20, 11);
        let text = MeetingText::new(&meeting);
        group.throughput(Throughput::Bytes(support::text_bytes(&meeting) as u64));
        for query in ["女", "女性", "女性管理", "女性管理職", "令和9年度", "dx", "存在しない語"] {
            group.bench_with_input(BenchmarkId::new(format!("{megabytes}MB"), query), &query, |b, query| {
                b.iter(|| {
                    let matcher = Matcher::new(query, SearchOptions { kana_fold: true }).ok();
                    matcher.map(|m| text.find(&m).len())
                })
            });
        }
    }
    group.finish();
}

criterion_group!(benches, bench_search);
criterion_main!(benches);
