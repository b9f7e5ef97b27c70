#!/usr/bin/env bash
# What `make test` needs from the system besides Python: Chromium (browser tests) and a
# Japanese font (share cards, screenshots). `make serve` needs neither. Installs the
# missing Debian packages with apt when it can (root, or sudo without a password);
# otherwise says in one line what to install, and fails.
set -euo pipefail
needed=()
# CHROMIUM_PATH names another Chromium-based browser to test with (e.g. Google Chrome on GitHub's runners).
if [ -n "${CHROMIUM_PATH:-}" ] && [ -x "$CHROMIUM_PATH" ]; then :; else
  command -v chromium >/dev/null 2>&1 || needed+=(chromium)
fi
# Read fc-list's whole answer before searching it: `fc-list | grep -q` under pipefail fails
# whenever grep stops early and fc-list dies of SIGPIPE, i.e. exactly when the font is there.
families="$(fc-list : family 2>/dev/null || true)"
case "$families" in
  *"Noto Sans CJK JP"*) ;;
  *) needed+=(fonts-noto-cjk) ;;
esac
[ ${#needed[@]} -eq 0 ] && exit 0

say() { echo "system-deps: $*" >&2; }
if ! command -v apt-get >/dev/null 2>&1; then
  say "please install Chromium and the Noto Sans CJK JP font with your system's package manager (missing: ${needed[*]}) / Chromium と Noto Sans CJK JP フォントを入れてください"
  exit 1
fi
if [ "$(id -u)" -eq 0 ]; then sudo=""
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then sudo="sudo -n"
else
  say "run: sudo apt-get install ${needed[*]}  (then make test again) / 上のコマンドで入れてから make test をもう一度"
  exit 1
fi
say "installing ${needed[*]}"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get install -y -q "${needed[@]}" >/dev/null 2>&1 || {
  $sudo apt-get update -q >/dev/null && $sudo apt-get install -y -q "${needed[@]}" >/dev/null; }
