"""Static, chunked site search: a Pagefind index of every published article.

Pagefind's extended build segments Japanese, and readers download only the
index chunks a query needs instead of one JSON of the whole site. Its input is
a small HTML document per article written from the model (title, TL;DR, key
points, translation, original; tags and source as filters), so indexing starts
as soon as the bodies are rendered and runs on the second core while MkDocs
renders the pages. `mkdocs build` waits for it; `mkdocs serve` lets it finish
in the background so a preview is not held up by the index. Big sites are
indexed in partitions (``bundle_paths``) to bound Pagefind's memory.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
from collections import Counter
from html import escape, unescape
from pathlib import Path
from typing import Iterable, Mapping

from mkdocs.exceptions import PluginError

from ..model.article import Article
from ..model.dates import format_japanese
from ..model.messages import msg
from ..model.oserrors import reason
from ..render.bodies import RenderedBody
from ..render.lifetime import remove_dead, temp_folder, tied_command
from . import routes
from .paging import page_count
from .searchstore import BundleStore

BUNDLE = "pagefind"
WORK_PREFIX = "ainews-search"   # Pagefind's input folders in the system temp folder


# Japanese script runs (kana, kanji, the long-vowel and iteration marks): indexed as bigrams.
_JAPANESE_RUN = re.compile(r"[\u3041-\u309f\u30a0-\u30ff\u3400-\u4dbf\u4e00-\u9fff々〆ヶー]+")
_TAG = re.compile(r"<[^>]+>")
_COMPOUND = re.compile(r"[A-Za-z0-9]+(?:[-./_][A-Za-z0-9]+)+")
# Not a language: Pagefind then neither segments nor stems, and indexes our words as given.
SEARCH_LANGUAGE = "zxx"
# How often one word is indexed per article at most (see `index_words`).
INDEX_REPEATS = 3


def segment_for_search(text: str) -> str:
    """``text`` as the words Pagefind indexes: every Japanese run as its overlapping bigrams.

    Pagefind's own Japanese segmentation splits compounds its own way (半導体工場 did not
    match 半導体), and the reader's query is split another way again. With bigrams on both
    sides (the search page turns the query into bigrams the same way, in
    `assets/javascripts/search-terms.js`), every word of two or more characters in an
    article finds it: the article has each of the word's bigrams. A lone kanji stays
    itself and still matches as a prefix.

    Pagefind itself splits a Japanese query into single characters, each matched as a
    word's prefix, so every character of a run must also begin an indexed word: the last
    character of a run (方 in 使い方) is added alone when no other word starts with it.
    A Latin compound keeps its parts and its pieces between hyphens and slashes, the
    words a reader types: GPT-5.5 gives GPT, 5, 5.5.
    """
    def bigrams(match: re.Match[str]) -> str:
        run = match.group(0)
        return " " + (run if len(run) < 2 else " ".join(run[k:k + 2] for k in range(len(run) - 1))) + " "

    def with_parts(match: re.Match[str]) -> str:
        # Llama-3.1-8B stays one word for Pagefind; its parts (8B) and pieces (3.1) are words readers search too.
        compound = match.group(0)
        parts = re.split(r"[-./_]", compound)
        pieces = [piece for piece in re.split(r"[-/]", compound) if piece not in parts and piece != compound]
        return " ".join([compound, *parts, *pieces])
    words = _COMPOUND.sub(with_parts, _JAPANESE_RUN.sub(bigrams, text)).split()
    starts = {word[0] for word in words}
    tails = {run[-1] for run in _JAPANESE_RUN.findall(text) if len(run) > 1} - starts
    return " ".join(words + sorted(tails))


def index_words(words: str) -> str:
    """``words`` with each word kept at most ``INDEX_REPEATS`` times, in order of first use.

    Pagefind stores every position of every word, and a query downloads, from every
    partition, the index chunk holding each of its words: a word said many times in each
    of 1,000 articles filled a chunk of its own (117 KiB in the benchmark corpus). Nobody
    sees these words (results show the TL;DR) and no query needs their positions, so
    repeats beyond a few (enough for Pagefind's ranking, which saturates with repeats) are
    dropped: the index is a quarter of the size, Pagefind needs a third less memory, each
    result's fragment is smaller, and every word still finds the article.
    """
    counts = Counter(words.split())
    return " ".join(" ".join([word] * min(count, INDEX_REPEATS)) for word, count in counts.items())


def _plain(html: str) -> str:
    return unescape(_TAG.sub(" ", html))


def render_search_document(article: Article, body: RenderedBody) -> str:
    """What Pagefind indexes for one article, with its filters and result metadata.

    The indexed text is `segment_for_search` of the title, TL;DR, key points and both
    bodies, each word at most ``INDEX_REPEATS`` times (`index_words`); readers never see it: the results show the title and the TL;DR (the
    `excerpt` metadata) instead of Pagefind's excerpt of the indexed words.
    """
    # Filters, metadata and the sort key sit in an ignored block: Pagefind still reads them
    # (data-pagefind-ignore skips only indexing).
    extras = [f'<span data-pagefind-filter="ソース">{escape(article.source.name)}</span>',
              f'<span data-pagefind-meta="日付">{escape(format_japanese(article.published))}</span>',
              f'<span data-pagefind-meta="excerpt">{escape(article.tldr)}</span>',
              f'<span data-pagefind-sort="date">{article.published.isoformat()}</span>']
    extras += [f'<span data-pagefind-filter="タグ">{escape(tag.name)}</span>' for tag in article.tags]
    text = " ".join([article.title, article.original_title or "", article.tldr,
                     *(f"{p.title} {p.detail}" for p in article.key_points),
                     _plain(body.translation), _plain(body.original or "")])
    return (
        f'<!doctype html><html lang="{SEARCH_LANGUAGE}"><head><meta charset="utf-8">'
        f"<title>{escape(article.title)}</title></head><body>"
        f'<main data-pagefind-body><div data-pagefind-ignore>'
        f'<h1 data-pagefind-meta="title">{escape(article.title)}</h1>{"".join(extras)}</div>'
        f"<p>{escape(index_words(segment_for_search(text)))}</p></main></body></html>"
    )


def bundle_paths(count: int, partition: int) -> list[str]:
    """Site-relative folders of the search bundles for ``count`` articles, the main one first.

    Pagefind's Japanese indexer holds a whole index in memory (about 6 GiB for 10,000
    articles), so articles are indexed in partitions of ``partition`` one after another,
    and the search page merges the bundles.
    """
    parts = page_count(count, partition)
    return [f"{BUNDLE}/"] + [f"{BUNDLE}-{n}/" for n in range(2, parts + 1)]


# A preview's index runs at the lowest CPU priority. No preexec_fn (Windows has none, and it
# is unsafe in a threaded program): Windows takes a creation flag, POSIX a setpriority call.
_LOW_PRIORITY = {"creationflags": subprocess.IDLE_PRIORITY_CLASS} if sys.platform == "win32" else {}


def _lower_priority(pid: int) -> None:
    if hasattr(os, "setpriority"):
        try:
            os.setpriority(os.PRIO_PROCESS, pid, 19)
        except OSError:   # already gone
            pass


class _Run:
    """One indexing run's own state: a newer run never shares its flag, process or error."""

    def __init__(self) -> None:
        self.lock = threading.Lock()      # `cancel` and the start of each Pagefind process
        self.cancelled = False
        self.process: subprocess.Popen[str] | None = None
        self.error: str | None = None
        self.thread: threading.Thread | None = None

    def cancel(self) -> None:
        with self.lock:
            self.cancelled = True
            if self.process is not None and self.process.poll() is None:
                self.process.kill()
        if self.thread is not None and self.thread is not threading.current_thread():
            self.thread.join()


class SearchIndexer:
    """Pagefind in the background, one run per partition: start, then wait for it or cancel it.

    Between preview updates into the same site folder, a partition whose articles and
    bodies are unchanged keeps the bundle indexed last time (`reset` forgets them, for a
    build that starts from an empty folder), so an edit re-indexes one partition.
    Starting, waiting and cancelling are serialized: a new run starts only after the last
    one has stopped, so two Pagefinds never write one bundle (the preview's rebuilds and
    its shutdown come from different threads).
    """

    def __init__(self) -> None:
        self._lock = threading.RLock()
        self._run_state: _Run | None = None
        self.indexed: dict[str, tuple[object, ...]] = {}   # bundle folder -> what it holds
        self.store: BundleStore | None = None

    def reset(self) -> None:
        """Forget what earlier runs indexed (their bundles were removed with the site folder);
        remove the input folders of runs whose build was killed."""
        with self._lock:
            self.cancel()
            self.indexed = {}
            remove_dead(Path(tempfile.gettempdir()), f"{WORK_PREFIX}-*")

    def start(self, articles: Iterable[Article], bodies: Mapping[str, RenderedBody], site_dir: str,
              partition: int, background: bool = False, store: BundleStore | None = None) -> None:
        """Start indexing; ``background`` runs Pagefind at the lowest CPU priority (previews).
        With a ``store`` (`mkdocs build` with the cache), bundles an earlier build indexed
        from the same articles are taken from it (site/searchstore.py)."""
        with self._lock:
            self.cancel()
            self.store = store
            # Oldest first, so a partition's articles stay the same as news is added.
            ordered = sorted(articles, key=lambda a: (a.published, a.slug))
            jobs = []
            bundles = bundle_paths(len(ordered), partition)
            self.indexed = {bundle: part for bundle, part in self.indexed.items() if bundle in bundles}
            for n, bundle in enumerate(bundles):
                part = tuple((article, bodies[article.src_uri]) for article in ordered[n * partition:(n + 1) * partition])
                if part and self.indexed.get(bundle) != part:
                    key = store.key(bundle, part) if store is not None else None
                    if store is not None and store.place(key, Path(site_dir) / bundle):
                        self.indexed[bundle] = part
                    else:
                        jobs.append((bundle, part, key))
            if not jobs:
                if store is not None:   # every bundle came from the store
                    store.prune()
                return
            run = _Run()
            run.thread = threading.Thread(target=self._run, args=(run, jobs, Path(site_dir), background), daemon=True)
            self._run_state = run
            run.thread.start()

    def _run(self, run: _Run, jobs: list[tuple[str, tuple[tuple[Article, RenderedBody], ...], str | None]],
             site_dir: Path, background: bool) -> None:
        # Pagefind's input lives only while this run indexes (it used to stay for a whole preview session).
        workdir: Path | None = None
        try:
            workdir = temp_folder(WORK_PREFIX)   # named with our pid: a killed build's is removed later
            self._index(run, jobs, site_dir, background, workdir)
        except OSError as error:   # the folder went away or filled up: one line, never a thread traceback
            if not run.cancelled:
                run.error = msg("search: cannot index: {reason}", reason=reason(error))
        finally:
            if workdir is not None:
                shutil.rmtree(workdir, ignore_errors=True)

    def _index(self, run: _Run, jobs: list[tuple[str, tuple[tuple[Article, RenderedBody], ...], str | None]],
               site_dir: Path, background: bool, workdir: Path) -> None:
        for bundle, part, key in jobs:
            self.indexed.pop(bundle, None)
            folder = workdir / bundle.strip("/")
            for article, body in part:
                if run.cancelled:
                    return
                target = folder / routes.article_dest(article.slug)
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_text(render_search_document(article, body), encoding="utf-8")
            # Tied to this process: Pagefind dies with a killed build (render/lifetime.py).
            command = tied_command([sys.executable, "-m", "pagefind", "--site", str(folder), "--silent",
                                    "--force-language", SEARCH_LANGUAGE, "--output-path", str(site_dir / bundle)])
            with run.lock:   # a cancel either comes first (no Pagefind at all) or sees the process to kill
                if run.cancelled:
                    return
                process = run.process = subprocess.Popen(
                    command, stdout=subprocess.DEVNULL if background else subprocess.PIPE,
                    stderr=subprocess.STDOUT, text=True, **(_LOW_PRIORITY if background else {}))
            if background:
                _lower_priority(process.pid)
            output, _ = process.communicate()
            if run.cancelled:
                return
            if process.returncode != 0:
                lines = (output or "").strip().splitlines()
                run.error = msg("search: Pagefind failed: {reason}",
                                reason=lines[-1] if lines else f"exit {process.returncode}")
                return
            self.indexed[bundle] = part
            if self.store is not None:
                self.store.keep(key, site_dir / bundle)

    def running(self) -> bool:
        """Whether an index was started and not yet waited for or cancelled."""
        return self._run_state is not None

    def wait(self) -> None:
        """Block until every bundle is written; a Pagefind failure fails the build."""
        with self._lock:
            run, self._run_state = self._run_state, None
            if run is None:
                return
            assert run.thread is not None
            run.thread.join()
            self.close()
            if run.error is not None:
                raise PluginError(run.error)
            if self.store is not None:   # every bundle is in place: the store keeps this build's only
                self.store.prune()

    def cancel(self) -> None:
        """Stop an unfinished run (a newer build supersedes it) and wait until it has stopped."""
        with self._lock:
            run, self._run_state = self._run_state, None
            if run is not None:
                run.cancel()

    def close(self) -> None:
        """Stop for good (the plugin shuts down)."""
        self.cancel()
