#!/usr/bin/env bash
# Installs the Debian packages feedarchiver needs to build and test, when they are missing.
# apt-get, through sudo when not root. Safe to run again: installs nothing when all are there.
set -euo pipefail

packages=(
  build-essential cmake pkg-config
  libcurl4-openssl-dev libssl-dev libpugixml-dev libgumbo-dev nlohmann-json3-dev libcli11-dev
  libsqlite3-dev libgtest-dev libgmock-dev libbenchmark-dev
  # tests only: a real YAML parser, a real HTTP server, a real Jekyll
  libyaml-cpp-dev libcpp-httplib-dev zlib1g-dev libbrotli-dev jekyll openssl
  # CI only: memcheck of the fetcher and writer tests
  valgrind
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

sudo=""
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null || { echo "install-deps: need root or sudo to install: ${missing[*]}" >&2; exit 1; }
  sudo="sudo"
fi
echo "install-deps: installing ${missing[*]}" >&2
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
