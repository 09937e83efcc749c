#!/usr/bin/env bash
# The installed bash completion (share/bash-completion/completions/sqp) completes what the
# installed CLI accepts: its operations, options and --format values.
# usage: completion_test.sh PREFIX BINDIR DATADIR WORK_DIR
set -uo pipefail
prefix=$1 bindir=$2 datadir=$3 work=$4
completion=$prefix/$datadir/bash-completion/completions/sqp
cli=$prefix/$bindir/sqp
failures=0
fail() { echo "completion: $*" >&2; failures=$((failures + 1)); }

[[ -f $completion ]] || { echo "completion: $completion is not installed" >&2; exit 1; }
# shellcheck disable=SC1090
source "$completion"
grep -q -- "-F _sqp" <<<"$(complete -p sqp)" || fail "'complete -p sqp' does not name _sqp"

# complete WORD... : COMPREPLY for the last word, sorted, one line.
complete_words() {
  COMP_WORDS=("$@")
  COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
  COMPREPLY=()
  _sqp
  printf '%s\n' "${COMPREPLY[@]}" | sort | tr '\n' ' ' | sed 's/ $//'
}
expect() {
  local want=$1; shift
  local got
  got=$(complete_words "$@")
  [[ $got == "$want" ]] || fail "[$*] completes to '$got', expected '$want'"
}

# The operations are the CLI's own (its usage error lists them).
operations=$("$cli" frobnicate 2>&1 | sed -n 's/.*expected one of: //p' | tr -d ',' | tr ' ' '\n' | sort | tr '\n' ' ' | sed 's/ $//')
[[ -n $operations ]] || fail "could not read the operations from '$cli frobnicate'"
expect "$operations" sqp ""
expect "eligibility" sqp elig
expect "--help --version" sqp --
expect "json text" sqp score --format ""
expect "ics json svg text" sqp certificate --format ""
expect "ics json svg text" sqp --rulebook my.json certificate --format ""
expect "ics json svg text" sqp case --format ""
expect "--batch" sqp eligibility --ba
expect "note reject" sqp eligibility --unknown-members ""
expect "--batch --format --help --messages --rulebook --threads --unknown-members" sqp assess -
expect "both en none zh" sqp eligibility --messages ""

# Every --format value offered is one the CLI accepts for that operation.
for op in $operations; do
  for format in $(complete_words sqp "$op" --format ""); do
    [[ $format == json ]] && continue
    message=$("$cli" "$op" --format "$format" </dev/null 2>&1)
    [[ $message == *"--format for"* ]] && fail "completion offers --format $format for $op, the CLI refuses it"
  done
done

# Files: input documents and directories, not other files.
mkdir -p "$work/dir" && cd "$work" && touch a.json b.jsonl notes.txt
expect "a.json b.jsonl dir" sqp eligibility ""
expect "a.json dir" sqp eligibility --rulebook ""
expect "validate" sqp rulebook v

if ((failures > 0)); then exit 1; fi
echo "completion: all checks passed (operations: $operations)"
