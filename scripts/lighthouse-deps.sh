#!/usr/bin/env bash
# Install the npm `lighthouse` CLI that bench/lighthouse.py runs (offline, with Debian's Chromium)
# into .cache/lighthouse/ (gitignored) when it is missing. Pinned: scores differ between versions.
set -euo pipefail
cd "$(dirname "$0")/.."
version="12.2.3"
target=".cache/lighthouse"
if [ -x "$target/node_modules/.bin/lighthouse" ] && [ "$(cat "$target/VERSION" 2>/dev/null)" = "$version" ]; then
  exit 0
fi
command -v npm >/dev/null 2>&1 || { echo "lighthouse-deps: npm is needed to install lighthouse" >&2; exit 1; }
mkdir -p "$target"
(cd "$target" && npm install --silent --no-audit --no-fund "lighthouse@$version" >/dev/null)
echo "$version" > "$target/VERSION"
echo "lighthouse-deps: lighthouse $version in $target" >&2
