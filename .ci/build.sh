#!/usr/bin/env bash
# The two README commands:
#   bash .ci/build.sh main   install dependencies, build, print the assessment report of the bundled
#                            example (docs/examples/assessment.json) and validate the default rulebook
#   bash .ci/build.sh test   install dependencies, build, run every test (C++, C consumer, Python)
set -euo pipefail
mode=${1:-test}
root=$(cd "$(dirname "$0")/.." && pwd)
build=${SQP_BUILD_DIR:-$root/build}
jobs=${SQP_JOBS:-$(nproc)}

bash "$root/.ci/install-deps.sh"
cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=${SQP_BUILD_TYPE:-Release} >/dev/null
cmake --build "$build" -j "$jobs"

case "$mode" in
  main)
    cli="$build/src/cli/sqp"
    echo "\$ sqp assess docs/examples/assessment.json --format text"
    "$cli" assess "$root/docs/examples/assessment.json" --format text
    echo
    echo "\$ sqp rulebook validate src/rulebook/default_rulebook.json"
    "$cli" rulebook validate "$root/src/rulebook/default_rulebook.json"
    ;;
  test)
    ctest --test-dir "$build" --output-on-failure -j "$jobs"
    ;;
  *)
    echo "usage: $0 main|test" >&2; exit 2 ;;
esac
