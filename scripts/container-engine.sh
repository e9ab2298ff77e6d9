#!/usr/bin/env bash
# Makes container mode work on this machine:
# - with no engine answering and run as root: installs Debian's Docker Engine and starts it (there may be no systemd);
# - where the stack's official images can't be pulled (no registry answers): builds stand-in images from Debian
#   packages (containers/stand-ins/), FROM a Debian base made once with debootstrap.
# On a machine whose engine answers and can pull, it changes nothing. Prints one line when it can't do its part.
set -euo pipefail
cd "$(dirname "$0")/.."

engine=""
answers() { command -v "$1" >/dev/null 2>&1 && timeout 10 "$1" info >/dev/null 2>&1; }
for cli in docker podman; do
  if answers "$cli"; then engine=$cli; break; fi
done

as_root=()
if [ "$(id -u)" != 0 ]; then
  if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then as_root=(sudo); else as_root=(); fi
fi
can_be_root() { [ "$(id -u)" = 0 ] || [ ${#as_root[@]} -gt 0 ]; }

if [ -z "$engine" ]; then
  if ! can_be_root; then
    echo "No container engine answers: start Docker or Podman (or run 'sudo $0' to install Debian's Docker Engine)." >&2
    exit 1
  fi
  if ! command -v dockerd >/dev/null 2>&1; then
    echo "Installing Debian's Docker Engine (docker.io)..."
    "${as_root[@]}" apt-get update -qq
    DEBIAN_FRONTEND=noninteractive "${as_root[@]}" apt-get install -y -qq --no-install-recommends docker.io >/dev/null
  fi
  # No systemd on these machines: start the daemon ourselves, in the background, and wait for it.
  if ! answers docker; then
    "${as_root[@]}" sh -c 'nohup dockerd >/var/log/dockerd.log 2>&1 &'
    for _ in $(seq 60); do answers docker && break; sleep 0.5; done
  fi
  if ! answers docker; then
    echo "Docker Engine did not start: see /var/log/dockerd.log." >&2
    exit 1
  fi
  engine=docker
fi

# The official images are used where the engine can pull them; the stand-ins only where it can't.
if getent hosts registry-1.docker.io >/dev/null 2>&1; then
  exit 0
fi

has_image() { "$engine" image inspect "$1" >/dev/null 2>&1; }
base=localhost/video-editor/debian:bookworm
# name:tag of each stand-in, in build order (smtp4dev stands on the ASP.NET Core stand-in).
stand_ins=(redis:bookworm prometheus:bookworm alertmanager:bookworm aspnet:10.0 dotnet-sdk:10.0 smtp4dev:bookworm)
missing=()
for stand_in in "${stand_ins[@]}"; do
  has_image "localhost/video-editor/${stand_in%%:*}-stand-in:${stand_in#*:}" || missing+=("$stand_in")
done
[ ${#missing[@]} -eq 0 ] && exit 0

if ! has_image "$base"; then
  if ! can_be_root; then
    echo "No registry answers and stand-in images are missing: run 'sudo $0' once to build them." >&2
    exit 1
  fi
  command -v debootstrap >/dev/null 2>&1 || DEBIAN_FRONTEND=noninteractive "${as_root[@]}" apt-get install -y -qq --no-install-recommends debootstrap >/dev/null
  echo "Making a Debian base image with debootstrap (a minute or two, once)..."
  root=$(mktemp -d)
  mirror=$(sed -n 's/^URIs: *\(http[^ ]*debian\)$/\1/p' /etc/apt/sources.list.d/debian.sources 2>/dev/null | head -1)
  "${as_root[@]}" debootstrap --variant=minbase bookworm "$root" "${mirror:-http://deb.debian.org/debian}" >/dev/null
  "${as_root[@]}" tar -C "$root" -c . | "$engine" import - "$base" >/dev/null
  "${as_root[@]}" rm -rf "$root"
fi

# The .NET stand-ins carry this machine's .NET (the SDK, or its runtimes), smtp4dev its NuGet package.
dotnet_root=$(dirname "$(readlink -f "$(command -v dotnet)")")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
context_of() {
  local context="$work/$1"
  mkdir -p "$context"
  case "$1" in
    aspnet)
      mkdir -p "$context/dotnet/shared"
      cp "$dotnet_root/dotnet" "$context/dotnet/"
      cp -r "$dotnet_root/host" "$context/dotnet/"
      cp -r "$dotnet_root/shared/Microsoft.NETCore.App" "$dotnet_root/shared/Microsoft.AspNetCore.App" "$context/dotnet/shared/" ;;
    dotnet-sdk)
      cp -r "$dotnet_root" "$context/dotnet"
      mkdir -p "$context/ca-certificates"
      cp /usr/local/share/ca-certificates/*.crt "$context/ca-certificates/" 2>/dev/null || true ;;
    smtp4dev)
      dotnet tool restore >/dev/null
      local version
      version=$(sed -n '/rnwood.smtp4dev/,/version/s/.*"version": *"\([^"]*\)".*/\1/p' dotnet-tools.json)
      cp -r "${NUGET_PACKAGES:-$HOME/.nuget/packages}/rnwood.smtp4dev.linux-x64/$version/tools/net10.0/linux-x64" "$context/smtp4dev" ;;
    *)
      context=containers/stand-ins ;;
  esac
  echo "$context"
}

for stand_in in "${missing[@]}"; do
  name=${stand_in%%:*}
  image="localhost/video-editor/$name-stand-in:${stand_in#*:}"
  echo "Building the stand-in image $image..."
  arguments=()
  [ "$name" = smtp4dev ] || arguments=(--build-arg "BASE=$base")
  [ "$name" = dotnet-sdk ] && arguments+=(--build-arg "NUGET_CERT_REVOCATION_MODE=${NUGET_CERT_REVOCATION_MODE:-online}")
  if ! output=$("$engine" build -q --force-rm "${arguments[@]}" -f "containers/stand-ins/$name.Dockerfile" -t "$image" "$(context_of "$name")" 2>&1); then
    echo "$output" >&2
    echo "Building the stand-in image $image failed (above)." >&2
    exit 1
  fi
done
