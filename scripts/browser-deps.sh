#!/usr/bin/env bash
# Fetch axe-core (the accessibility engine the browser tests inject into pages) from
# the npm registry into .cache/axe-core/ (gitignored) when it is missing.
set -euo pipefail
cd "$(dirname "$0")/.."
version="4.14.1"
target=".cache/axe-core"
if [ -f "$target/axe.min.js" ] && [ "$(cat "$target/VERSION" 2>/dev/null)" = "$version" ]; then
  exit 0
fi
command -v npm >/dev/null 2>&1 || { echo "browser-deps: npm is needed to fetch axe-core" >&2; exit 1; }
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm pack --silent "axe-core@$version" >/dev/null)
tar -xzf "$work"/axe-core-"$version".tgz -C "$work"
mkdir -p "$target"
cp "$work/package/axe.min.js" "$work/package/LICENSE" "$target/"
echo "$version" > "$target/VERSION"
echo "browser-deps: axe-core $version in $target" >&2
