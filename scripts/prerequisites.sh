#!/usr/bin/env bash
# Checks what the stack (`run`), the test suite (`test`) or the benchmark (`bench`) needs on a Debian/Ubuntu machine with the .NET 10 SDK,
# installs what is missing when it can (root, or sudo without a password), and otherwise stops with one line
# saying what to run.
set -euo pipefail
purpose=${1:-test}
cd "$(dirname "$0")/.."

if ! command -v dotnet >/dev/null 2>&1 || ! dotnet --list-sdks 2>/dev/null | grep -q '^10\.'; then
  echo "The .NET 10 SDK is missing: install it (https://learn.microsoft.com/dotnet/core/install/linux-debian), then run this again." >&2
  exit 1
fi

# program:package pairs. Local mode's services are always wanted: `auto` falls back to them where container mode
# can't run (no engine, or images that can't be had).
required=(redis-server:redis-server prometheus:prometheus prometheus-alertmanager:prometheus-alertmanager)
if [ "$purpose" = test ]; then
  required+=(promtool:prometheus amtool:prometheus-alertmanager)
fi
if [ "$purpose" = bench ]; then
  required+=(wrk:wrk gnuplot:gnuplot-nox)
fi
required+=(ffmpeg:ffmpeg ffprobe:ffmpeg setpriv:util-linux)

missing=()
for pair in "${required[@]}"; do
  program=${pair%%:*}
  package=${pair#*:}
  command -v "$program" >/dev/null 2>&1 || [[ " ${missing[*]-} " == *" $package "* ]] || missing+=("$package")
done

if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then
    as_root=()
  elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    as_root=(sudo)
  else
    echo "Missing ${missing[*]}: run 'sudo apt-get update && sudo apt-get install -y ${missing[*]}', then run this again." >&2
    exit 1
  fi
  echo "Installing ${missing[*]} with apt-get..."
  "${as_root[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${as_root[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# smtp4dev, the development mail catcher, is a local dotnet tool of this repository.
dotnet tool restore >/dev/null
