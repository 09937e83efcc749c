#!/usr/bin/env bash
# `sqp --batch --threads N` (src/cli/batch.cpp) gives the same bytes and exit code as one
# thread, over inputs of many blocks: 128 KiB blocks (repeated peer documents with bad lines
# among them), 4096-line blocks (tiny lines) and lines longer than a block. Run in the main
# suite and under ThreadSanitizer.
# usage: cli_threads_test.sh SQP_CLI SOURCE_DIR WORK_DIR
set -euo pipefail
cli=$1 source=$2 work=$3
mkdir -p "$work"
fail() { echo "cli_threads: $*" >&2; exit 1; }

docs="$work/docs.jsonl" tiny="$work/tiny.jsonl"
: > "$docs"
for i in $(seq 1 12); do  # ~4.7 MB: about 36 blocks
  cat "$source/tests/data/peers_generated.jsonl" >> "$docs"
  printf '{"schema":"sqp.application/1",\n\n' >> "$docs"  # a bad line and a blank one
done
for i in $(seq 1 10000); do echo '{}'; done > "$tiny"  # three blocks of at most 4096 lines
printf '{bad\n' >> "$tiny"

# Lines longer than a block (read on until the line ends): one document padded with 300 KB and
# one with 700 KB of spaces, between ordinary lines; their answers are the unpadded document's.
long="$work/long.jsonl" doc=$(head -1 "$source/tests/data/peers_generated.jsonl")
pad() { printf '%s%*s}\n' "${doc%\}}" "$1" ''; }
{ echo "$doc"; pad 300000; echo "$doc"; pad 700000; printf '{bad\n'; echo "$doc"; } > "$long"

for input in "$docs:eligibility" "$tiny:rulebook" "$long:eligibility"; do
  file=${input%%:*} op=${input##*:}
  set +e
  "$cli" "$op" --batch "$file" > "$work/one.jsonl" 2> /dev/null; one=$?
  for threads in 2 3 8; do  # 8: more workers than cores, blocks finishing out of turn
    "$cli" "$op" --batch "$file" --threads "$threads" > "$work/many.jsonl" 2> /dev/null; many=$?
    [[ $many == "$one" ]] || fail "$op --threads $threads exited $many, one thread $one"
    cmp -s "$work/one.jsonl" "$work/many.jsonl" || fail "$op --threads $threads: output differs"
  done
  set -e
  [[ $one == 3 ]] || fail "$op: exit $one, expected 3 (bad lines)"
  lines=$(grep -cv '^[[:space:]]*$' "$file" || true)
  [[ $(wc -l < "$work/one.jsonl") == "$lines" ]] || fail "$op: not one answer per line"
  if [[ $file == "$long" ]]; then
    for n in 2 4 6; do
      [[ $(sed -n "${n}p" "$work/one.jsonl") == "$(sed -n 1p "$work/one.jsonl")" ]] ||
        fail "long lines: answer $n is not that of the same document unpadded"
    done
  fi
done
echo "cli_threads: --threads 2, 3 and 8 give the bytes of one thread"
