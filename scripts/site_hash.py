"""The built site's fingerprint, so the hourly CI run deploys only when the site changed.

    python scripts/site_hash.py site            # prints the hash and writes site/site-hash.txt

The hash covers every file's path and bytes except the Pagefind bundles (`pagefind*/`):
Pagefind names its files differently on every run, but it indexes the pages, which are
covered. The build itself is repeatable (no build times in pages, feeds or the sitemap),
so an unchanged site hashes the same.
"""

from __future__ import annotations

import hashlib
import sys
from pathlib import Path

HASH_FILE = "site-hash.txt"


def site_hash(site: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(p for p in site.rglob("*") if p.is_file()):
        relative = path.relative_to(site).as_posix()
        if relative == HASH_FILE or relative.split("/")[0].startswith("pagefind"):
            continue
        digest.update(relative.encode("utf-8") + b"\0")
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def main(argv: list[str]) -> int:
    if len(argv) != 1 or not Path(argv[0]).is_dir():
        print("usage: site_hash.py SITE_DIR", file=sys.stderr)
        return 2
    site = Path(argv[0])
    value = site_hash(site)
    (site / HASH_FILE).write_text(value + "\n", encoding="utf-8")
    print(value)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
