#!/usr/bin/env bash
# Installs the Debian packages feedarchiver needs, when they are missing:
#   scripts/install-deps.sh demo   what `make demo` needs: the build, Jekyll and its plugins
#   scripts/install-deps.sh        everything: the demo's, the tests' and CI's
# apt-get, through sudo when not root. Safe to run again: installs nothing when all are there.
set -euo pipefail

demo=(
  build-essential cmake pkg-config
  libcurl4-openssl-dev libpugixml-dev libgumbo-dev nlohmann-json3-dev libcli11-dev
  libsqlite3-dev libmd-dev
  # the site of `init`: Jekyll 4.3 and the two plugins it uses (both allowed by GitHub Pages)
  jekyll ruby-jekyll-feed ruby-jekyll-paginate
)
tests=(
  libgtest-dev libgmock-dev libbenchmark-dev
  # tests only: a real YAML parser, a real HTTP server, TLS test certificates
  libyaml-cpp-dev libcpp-httplib-dev libssl-dev zlib1g-dev libbrotli-dev openssl
  # the browser test (headless chromium) and CJK glyphs for its screenshots
  chromium fonts-noto-cjk
  # the man page, generated from --help at build time
  help2man
  # the publishing recipes' tests: `systemd-analyze verify`/`calendar` on the example units
  # (works offline, no systemd running needed), git for the GitHub Actions commit step
  systemd git
  # the layering check (ctest Layers.*) and the kit scripts
  python3
  # CI only: memcheck of the fetcher and writer tests; the style check of .ci/run
  valgrind clang-format
)

packages=("${demo[@]}")
[ "${1:-all}" = "demo" ] || packages+=("${tests[@]}")

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
