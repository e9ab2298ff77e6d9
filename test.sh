#!/usr/bin/env bash
# Runs every test: unit tests, the real stack in local mode, and the promtool/amtool checks of prometheus/.
# Extra arguments go to `dotnet test` (e.g. --filter). Ends with the line "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")"
scripts/prerequisites.sh test || exit 1

results=$(mktemp -d)
trap 'rm -rf "$results"' EXIT
dotnet test VideoEditor.sln --logger "trx;LogFileName=results.trx" --results-directory "$results" "$@"
status=$?

trx="$results/results.trx"
if [ ! -f "$trx" ]; then
  echo "No test results were written (see the build output above)." >&2
  exit "$(( status == 0 ? 1 : status ))"
fi
counters=$(grep -o '<Counters [^>]*>' "$trx")
count() { sed -n "s/.* $1=\"\([0-9]*\)\".*/\1/p" <<<"$counters"; }
echo "$(count passed) passed, $(( $(count failed) + $(count error) + $(count timeout) + $(count aborted) )) failed, $(count notExecuted) skipped"
exit "$status"
