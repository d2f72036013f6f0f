#!/usr/bin/env bash
# Seeds the fuzz corpora from the test fixtures and the embedded samples (the corpora themselves
# are not committed: fuzz/corpus is in .gitignore). Run from anywhere; safe to run again.
#   parse, decode, layout, html, json, chat: every fixture and sample file as it is;
#   breaker: every line of 8 bytes or more, prefixed with the width byte the target reads
#            (widths 1, 7, 20, 40 and 80; every third line with the "ambiguous wide" bit).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
mkdir -p "$here"/corpus/{parse,decode,layout,breaker,html,json,chat}
files=()
while IFS= read -r -d '' f; do files+=("$f"); done < <(
  find "$root/tests/fixtures" "$root/assets/samples" -type f ! -name '*.toml' ! -name '*.py' -print0 | sort -z
)
for f in "${files[@]}"; do
  name="$(basename "$(dirname "$f")")_$(basename "$f")"
  for target in parse decode layout html json chat; do cp "$f" "$here/corpus/$target/$name"; done
done
n=0
for f in "${files[@]}"; do
  i=0
  while IFS= read -r line || [[ -n "$line" ]]; do
    i=$((i + 1))
    (( ${#line} >= 8 )) || continue
    for w in 1 7 20 40 80; do
      (( i % 3 == 0 )) && w=$((w + 128))
      out="$here/corpus/breaker/$(basename "$f")_${i}_$w"
      printf "\\x$(printf %02x "$w")" > "$out"
      printf '%s' "$line" >> "$out"
      n=$((n + 1))
    done
  done < "$f"
done
echo "seeded: $(ls "$here/corpus/parse" | wc -l) files for parse/decode/layout, $n for breaker"
