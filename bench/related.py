"""CPU time of the related-articles blocks (関連記事) at scale, this tree against another revision.

    python bench/related.py --n 1000 --n 10000 [--baseline main] [--reps 3] [--seed 1]

For each size, generates the synthetic corpus (bench/generate.py), then runs one
child process per version: this tree, and the `--baseline` revision exported
with `git archive` (its plugins/ folder first on the path). Each child reads the
corpus with that version's reader (untimed) and times `build_related` with
`time.process_time`, best of `--reps`. The two children run one after the other
in the same minute, so their ratio holds on a shared machine where absolute
times do not. Also prints how many articles get the same related block from
both versions (the algorithms may differ on purpose; this says by how much).
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tarfile
import tempfile
from io import BytesIO
from pathlib import Path

from generate import generate_corpus
from targets import REPO, default_python

# Run in the child: read the corpus, time build_related, write the blocks as JSON.
CHILD = r"""
import json, sys, time
from pathlib import Path
from zoneinfo import ZoneInfo
from ainews.index.related import build_related
from ainews.model.corpus import read_corpus
from ainews.model.validate import ModelSettings

content, reps, out = Path(sys.argv[1]), int(sys.argv[2]), Path(sys.argv[3])
corpus = read_corpus(content, "articles", ModelSettings(zone=ZoneInfo("Asia/Tokyo")), base=content.parent)
articles = [a for a in corpus.articles if not a.draft]
times = []
for _ in range(reps):
    start = time.process_time()
    related = build_related(articles, count=3)
    times.append(time.process_time() - start)
out.write_text(json.dumps({"times": times,
                           "related": {s: [a.slug for a in items] for s, items in related.items()}}))
"""


def export_revision(revision: str, into: Path) -> Path:
    """The plugins/ folder of ``revision``, unpacked under ``into``."""
    archive = subprocess.run(["git", "-C", str(REPO), "archive", "--format=tar", revision, "plugins"],
                             check=True, capture_output=True).stdout
    with tarfile.open(fileobj=BytesIO(archive)) as tar:
        tar.extractall(into, filter="data")
    return into / "plugins"


def run_child(python: str, plugins: Path | None, content: Path, reps: int, out: Path) -> dict:
    """One version's timings and blocks; ``plugins`` (a baseline's) goes first on the path."""
    env_path = [] if plugins is None else [str(plugins)]
    code = f"import sys; sys.path[:0] = {env_path!r}\n" + CHILD
    subprocess.run([python, "-c", code, str(content), str(reps), str(out)], check=True)
    return json.loads(out.read_text())


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, action="append", help="articles (repeat for several sizes)")
    parser.add_argument("--baseline", default="main", help="git revision to compare with ('' for none)")
    parser.add_argument("--reps", type=int, default=3)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--python", default=default_python())
    args = parser.parse_args(argv)

    root = Path(tempfile.mkdtemp(prefix="bench-related-"))
    try:
        baseline = export_revision(args.baseline, root / "baseline") if args.baseline else None
        for n in args.n or [1000, 10000]:
            corpus = root / f"corpus-{n}"
            generate_corpus(corpus, n, args.seed)
            ours = run_child(args.python, None, corpus / "content", args.reps, root / "ours.json")
            line = f"{n:>6} articles: this tree {min(ours['times']):.3f} s CPU"
            if baseline is not None:
                base = run_child(args.python, baseline, corpus / "content", args.reps, root / "base.json")
                same = sum(ours["related"][s] == base["related"].get(s) for s in ours["related"])
                line += (f", {args.baseline} {min(base['times']):.3f} s CPU"
                         f" ({min(ours['times']) / min(base['times']):.2f}×);"
                         f" same block for {same}/{len(ours['related'])} articles")
            print(line, flush=True)
            shutil.rmtree(corpus, ignore_errors=True)
    finally:
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
