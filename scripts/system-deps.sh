#!/usr/bin/env bash
# Install the Debian packages the tests need (Chromium for browser tests, a
# Japanese font for screenshots and share cards) when they are missing.
set -euo pipefail
needed=()
# CHROMIUM_PATH names another Chromium-based browser to test with (e.g. Google Chrome on GitHub's runners).
if [ -n "${CHROMIUM_PATH:-}" ] && [ -x "$CHROMIUM_PATH" ]; then :; else
  command -v chromium >/dev/null 2>&1 || needed+=(chromium)
fi
fc-list 2>/dev/null | grep -qi "Noto Sans CJK" || needed+=(fonts-noto-cjk)
[ ${#needed[@]} -eq 0 ] && exit 0
if [ "$(id -u)" -eq 0 ]; then sudo=""; elif command -v sudo >/dev/null 2>&1; then sudo="sudo"; else
  echo "system-deps: please install these Debian packages: ${needed[*]}" >&2; exit 1
fi
echo "system-deps: installing ${needed[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get install -y -q "${needed[@]}" >/dev/null 2>&1 || {
  $sudo apt-get update -q >/dev/null && $sudo apt-get install -y -q "${needed[@]}" >/dev/null; }
