#!/usr/bin/env bash
# Install a pinned npm tool into .cache/<name>/ (gitignored) when it is missing or another version:
#   scripts/npm-deps.sh axe-core     the accessibility engine the browser tests inject into pages
#   scripts/npm-deps.sh lighthouse   the CLI bench/lighthouse.py runs offline with Debian's Chromium
# Pinned because results differ between versions.
set -euo pipefail
cd "$(dirname "$0")/.."
case "${1:-}" in
  axe-core)   version="4.14.1"; ready="axe.min.js" ;;
  lighthouse) version="12.2.3"; ready="node_modules/.bin/lighthouse" ;;
  *) echo "usage: $0 axe-core|lighthouse" >&2; exit 2 ;;
esac
name="$1"
target=".cache/$name"
if [ -e "$target/$ready" ] && [ "$(cat "$target/VERSION" 2>/dev/null)" = "$version" ]; then
  exit 0
fi
command -v npm >/dev/null 2>&1 || { echo "npm-deps: npm is needed to install $name" >&2; exit 1; }
mkdir -p "$target"
if [ "$name" = axe-core ]; then
  # Pages load one file; the package's tarball is enough, no dependency tree.
  work="$(mktemp -d)"
  trap 'rm -rf "$work"' EXIT
  (cd "$work" && npm pack --silent "axe-core@$version" >/dev/null)
  tar -xzf "$work/axe-core-$version.tgz" -C "$work"
  cp "$work/package/axe.min.js" "$work/package/LICENSE" "$target/"
else
  (cd "$target" && npm install --silent --no-audit --no-fund "$name@$version" >/dev/null)
fi
echo "$version" > "$target/VERSION"
echo "npm-deps: $name $version in $target" >&2
