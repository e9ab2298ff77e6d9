#!/usr/bin/env bash
# The design's load test with faults, at full length: 10 clients for 60 s (or the first argument, in seconds)
# mixing uploads, thumbnails, metadata and jobs while Redis is restarted once and the worker is killed once.
# It is the suite's LoadWithFaultsTests run longer; the report (Markdown) is printed and kept in
# load-with-faults.md. The figures in docs/reliability.md come from this script.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/prerequisites.sh test

report="$PWD/load-with-faults.md"
VIDEO_EDITOR_LOAD_SECONDS="${1:-60}" VIDEO_EDITOR_LOAD_REPORT="$report" \
  dotnet test VideoEditor.Tests --filter "FullyQualifiedName~LoadWithFaultsTests" --logger "console;verbosity=normal"
echo
cat "$report"
