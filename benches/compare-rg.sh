#!/usr/bin/env bash
# `gijiroku search` against ripgrep on the same files, interleaved, medians of RUNS (default 7).
# Output of both goes to /dev/null; the page cache is warm after the first round.
#
#   cargo run --release --example gen-corpus -- /tmp/corpus --meetings 10000
#   benches/compare-rg.sh /tmp/corpus 女性管理職 市長 DX
set -euo pipefail
cd "$(dirname "$0")/.."
dir=${1:?usage: compare-rg.sh DIR QUERY... (RUNS=7 by default)}
shift
runs=${RUNS:-7}
cargo build --release --locked --quiet
median() { sort -n | sed -n "$(( (runs + 1) / 2 ))p"; }
now_ms() { echo $(( $(date +%s%N) / 1000000 )); }
for query in "$@"; do
    ours=(); theirs=()
    for _ in $(seq "$runs"); do
        start=$(now_ms); ./target/release/gijiroku search "$query" "$dir" >/dev/null || true; ours+=($(( $(now_ms) - start )))
        start=$(now_ms); rg "$query" "$dir" >/dev/null || true; theirs+=($(( $(now_ms) - start )))
    done
    g=$(printf '%s\n' "${ours[@]}" | median)
    r=$(printf '%s\n' "${theirs[@]}" | median)
    hits=$({ rg -l "$query" "$dir" || true; } | wc -l)
    printf '%s (%s files with hits): gijiroku %s ms, rg %s ms, ratio %s\n' \
        "$query" "$hits" "$g" "$r" "$(python3 -c "print(f'{$g/$r:.2f}')")"
done
