#!/usr/bin/env bash
# Runs every test: the in-process tests, the real stack in local mode and in container mode, and the promtool/amtool
# checks of prometheus/. For container mode it sets up an engine and stand-in images where it can
# (scripts/container-engine.sh); where it can't, the container tests are skipped with the reason.
# ./test.sh --fast runs only the tests that need no stack (all but the trait Category=Stack): under a minute.
# Other arguments go to `dotnet test` (e.g. --filter, which --fast narrows further). Ends with the line
# "N passed, N failed, N skipped".
set -uo pipefail
cd "$(dirname "$0")"
scripts/prerequisites.sh test || exit 1

fast=false
filter=""
arguments=()
while [ $# -gt 0 ]; do
  case "$1" in
    --fast) fast=true ;;
    --filter) filter=${2-}; shift ;;
    *) arguments+=("$1") ;;
  esac
  shift
done
if ! $fast; then
  scripts/container-engine.sh || echo "The container tests will be skipped." >&2
fi

# The full run builds the whole solution (the benchmarks must compile too); the fast run only what its tests load.
target=VideoEditor.sln
if $fast; then
  filter="Category!=Stack${filter:+&($filter)}"
  target=VideoEditor.Tests/VideoEditor.Tests.csproj
fi
if [ -n "$filter" ]; then
  arguments+=(--filter "$filter")
fi

results=$(mktemp -d)
trap 'rm -rf "$results"' EXIT
dotnet test "$target" --logger "trx;LogFileName=results.trx" --results-directory "$results" "${arguments[@]}"
status=$?

trx="$results/results.trx"
if [ ! -f "$trx" ]; then
  echo "No test results were written (see the build output above)." >&2
  exit "$(( status == 0 ? 1 : status ))"
fi
counters=$(grep -o '<Counters [^>]*>' "$trx")
count() { sed -n "s/.* $1=\"\([0-9]*\)\".*/\1/p" <<<"$counters"; }
echo "$(count passed) passed, $(( $(count failed) + $(count error) + $(count timeout) + $(count aborted) )) failed, $(( $(count total) - $(count executed) )) skipped"
exit "$status"
