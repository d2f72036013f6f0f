//! Layout of a whole meeting. Claims: a 10,000-turn meeting lays out in well under a second at
//! 80 and 200 columns (it happens on open and on resize, never per key), and layout time is
//! linear in text length (compare the 1,000- and 10,000-turn figures).

mod support;

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use gijiroku::core::layout::{LayoutKey, layout};
use gijiroku::core::width::AmbiguousWidth;

fn bench_layout(c: &mut Criterion) {
    let mut group = c.benchmark_group("layout");
    group.sample_size(10);
    for turns in [1_000, 10_000] {
        let meeting = support::meeting(turns, 7);
        group.throughput(Throughput::Bytes(support::text_bytes(&meeting) as u64));
        for width in [80, 200] {
            let key = LayoutKey { width, ambiguous: AmbiguousWidth::Narrow, visible: None };
            group.bench_with_input(BenchmarkId::new(format!("{turns}_turns"), width), &key, |b, key| {
                b.iter(|| layout(&meeting, key))
            });
        }
    }
    group.finish();
}

criterion_group!(benches, bench_layout);
criterion_main!(benches);
