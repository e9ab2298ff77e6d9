#!/usr/bin/env bash
# The benchmark of the thumbnail and metadata paths (README, "Benchmark"); not a test, and not run by ./test.sh.
# Builds in Release, starts the stack in local mode with the floor app beside it, uploads the generated corpus,
# measures, stops everything and writes BENCHMARKS.md, bench/results/ and bench/results/latency.png.
# Usage: bench/run.sh [--note "a line for BENCHMARKS.md"]. About 6 minutes on 2 cores (plus ~1 min to make the corpus once).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/prerequisites.sh bench

dotnet build bench/VideoEditor.Bench/VideoEditor.Bench.csproj -c Release -v quiet -nologo
# The driver stops the stack itself, on failure and on Ctrl+C too (SIGINT/SIGTERM are handled in Program.cs).
dotnet bench/VideoEditor.Bench/bin/Release/net10.0/VideoEditor.Bench.dll "$@"
gnuplot bench/plot-latency.gp
echo "Plot: bench/results/latency.png"
