#!/usr/bin/env bash
# Per-key latency and bytes of the reader side by side with less on the same file, through
# ../shared/tools/ptyharness.py (pip install pyte). Both programs run interleaved in one run.
#
#   benches/compare-less.sh FILE [SIZE] [JSON_OUT]      e.g. benches/compare-less.sh sample.txt 200x60
#
# The reader shows the list pane beside the reader unless the file is alone; a single FILE opens
# with the reader full width (the list pane hidden), as less shows it.
set -euo pipefail
cd "$(dirname "$0")/.."
file=${1:?usage: compare-less.sh FILE [SIZE] [JSON_OUT]}
size=${2:-80x24}
out=${3:-/dev/null}
harness=${PTYHARNESS:-../shared/tools/ptyharness.py}
cargo build --release --locked --quiet
common='j*50 k*20 <C-d>*5 G g g'
search='/委員<CR>#search n*10'
# The reader remembers where it stood in a file: each run ends at the top (`g g` before `q`) so the
# next one starts where the first did, in a state directory of its own (the user's is untouched).
XDG_DATA_HOME=$(mktemp -d)
export XDG_DATA_HOME
trap 'rm -rf "$XDG_DATA_HOME"' EXIT
python3 "$harness" --size "$size" --warmup 1 --runs 5 \
    --keys "$common }*10 ]]*3 $search g g q" \
    --vs "less $(printf %q "$file")" --vs-keys "$common $search g g q" \
    --table --json-out "$out" -- ./target/release/gijiroku "$file"
