"""Static, chunked site search: a Pagefind index of every published article.

Pagefind's extended build segments Japanese, and readers download only the
index chunks a query needs instead of one JSON of the whole site. Its input is
a small HTML document per article written from the model (title, TL;DR, key
points, translation, original; tags and source as filters), so indexing starts
as soon as the bodies are rendered, in a process of its own (documents and
Pagefind alike) while MkDocs reads and renders the pages. `mkdocs build` waits for it; `mkdocs serve` lets it finish
in the background so a preview is not held up by the index. Big sites are
indexed in partitions (``bundle_paths``) to bound Pagefind's memory.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import multiprocessing
import tempfile
import threading
from collections import Counter
from html import escape, unescape
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from pathlib import Path
from typing import Callable, Iterable, Mapping

from mkdocs.exceptions import PluginError

from ..model.article import Article
from ..model.dates import format_japanese
from ..model.messages import msg
from ..model.oserrors import reason
from ..render.bodies import RenderedBody
from ..render.lifetime import die_with_parent, remove_dead, temp_folder, tied_command
from ..render.pool import start_method
from . import routes
from .paging import page_count
from .searchstore import BundleStore

BUNDLE = "pagefind"
WORK_PREFIX = "ainews-search"   # Pagefind's input folders in the system temp folder


# Japanese script runs (kana, kanji, the long-vowel and iteration marks): indexed as bigrams.
_JAPANESE_RUN = re.compile(r"[\u3041-\u309f\u30a0-\u30ff\u3400-\u4dbf\u4e00-\u9fff々〆ヶー]+")
_TAG = re.compile(r"<[^>]+>")
# Only from the start of a run of letters and digits, never backtracking into it: the plain
# pattern ([A-Za-z0-9]+(?:[-./_][A-Za-z0-9]+)+) finds the same words, but retried every word
# from each of its letters, a third of the time a search document took.
_COMPOUND = re.compile(r"(?<![A-Za-z0-9])[A-Za-z0-9]++(?:[-./_][A-Za-z0-9]++)+")
_COMPOUND_SEPARATOR = re.compile(r"[-./_]")
_PIECE_SEPARATOR = re.compile(r"[-/]")
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
        return " " + (run if len(run) < 2 else " ".join(map(str.__add__, run, run[1:]))) + " "

    def with_parts(match: re.Match[str]) -> str:
        # Llama-3.1-8B stays one word for Pagefind; its parts (8B) and pieces (3.1) are words readers search too.
        compound = match.group(0)
        parts = _COMPOUND_SEPARATOR.split(compound)
        pieces = [piece for piece in _PIECE_SEPARATOR.split(compound) if piece not in parts and piece != compound]
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
    return "".join([(word + " ") * min(count, INDEX_REPEATS) for word, count in counts.items()])[:-1]


def _plain(html: str) -> str:
    return unescape(_TAG.sub(" ", html))


def render_search_document(article: Article, body: RenderedBody) -> str:
    """What Pagefind indexes for one article, with its filters and result metadata.

    The indexed text is `segment_for_search` of the title, TL;DR, tags, source, key points
    and both bodies, each word at most ``INDEX_REPEATS`` times (`index_words`); readers never
    see it: the results show the title and the TL;DR (the `excerpt` metadata) instead of
    Pagefind's excerpt of the indexed words.
    """
    # Filters, metadata and the sort key sit in an ignored block: Pagefind still reads them
    # (data-pagefind-ignore skips only indexing).
    extras = [f'<span data-pagefind-filter="ソース">{escape(article.source.name)}</span>',
              f'<span data-pagefind-meta="日付">{escape(format_japanese(article.published))}</span>',
              f'<span data-pagefind-meta="excerpt">{escape(article.tldr)}</span>',
              f'<span data-pagefind-sort="date">{article.published.isoformat()}</span>']
    extras += [f'<span data-pagefind-filter="タグ">{escape(tag.name)}</span>' for tag in article.tags]
    # The tags and the source are words of the article too: a search for 半導体 finds what the
    # #半導体 tag page lists, even where the text says チップ.
    text = " ".join([article.title, article.original_title or "", article.tldr,
                     *(tag.name for tag in article.tags), article.source.name,
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
# is unsafe in a threaded program): Windows takes a creation flag, POSIX a nice value that
# Pagefind inherits from the indexing process.
_LOW_PRIORITY = {"creationflags": subprocess.IDLE_PRIORITY_CLASS} if sys.platform == "win32" else {}

# One partition to index: its bundle folder, its (article, body) pairs, its store key.
Job = tuple[str, tuple[tuple[Article, RenderedBody], ...], str | None]


def _write_documents(part: tuple[tuple[Article, RenderedBody], ...], folder: Path) -> None:
    for article, body in part:
        target = folder / routes.article_dest(article.slug)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(render_search_document(article, body), encoding="utf-8")


def _start_pagefind(folder: Path, output: Path, background: bool) -> subprocess.Popen[str]:
    # Tied to the indexing process: Pagefind dies with a killed build (render/lifetime.py).
    command = tied_command([sys.executable, "-m", "pagefind", "--site", str(folder), "--silent",
                            "--force-language", SEARCH_LANGUAGE, "--output-path", str(output)])
    return subprocess.Popen(command, stdout=subprocess.DEVNULL if background else subprocess.PIPE,
                            stderr=subprocess.STDOUT, text=True, **(_LOW_PRIORITY if background else {}))


def _finished(process: subprocess.Popen[str]) -> str | None:
    """Wait for a Pagefind run; its failure as one line, or None."""
    output, _ = process.communicate()
    if process.returncode == 0:
        return None
    lines = (output or "").strip().splitlines()
    return msg("search: Pagefind failed: {reason}", reason=lines[-1] if lines else f"exit {process.returncode}")


def index_partitions(jobs: list[Job], site_dir: str, background: bool, workdir: str, parent: int,
                     report: Connection) -> None:
    """The indexing process: each partition's documents, then Pagefind over them, in order.

    Runs in its own process, so writing the documents (Python, about 5 ms an article) takes
    no time from the build's own process; while Pagefind indexes one partition, the next
    one's documents are written. Sends ``("done", bundle)`` as each bundle is complete and
    ``("error", line)`` when Pagefind fails (the rest is then not indexed).
    """
    die_with_parent(parent, any_thread=True)   # started by whichever thread builds
    if background and hasattr(os, "nice"):
        os.nice(19)
    running: tuple[str, subprocess.Popen[str], Path] | None = None
    try:
        for bundle, part, _key in jobs:
            folder = Path(workdir) / bundle.strip("/")
            _write_documents(part, folder)
            if running is not None and not _report(running, report):
                return
            running = (bundle, _start_pagefind(folder, Path(site_dir) / bundle, background), folder)
        if running is not None:
            _report(running, report)
    except OSError as error:   # the folder went away or filled up: one line, never a traceback
        report.send(("error", msg("search: cannot index: {reason}", reason=reason(error))))
    finally:
        report.close()


def _report(running: tuple[str, subprocess.Popen[str], Path], report: Connection) -> bool:
    bundle, process, folder = running
    error = _finished(process)
    shutil.rmtree(folder, ignore_errors=True)
    report.send(("error", error) if error is not None else ("done", bundle))
    return error is None


class SearchIndexer:
    """Pagefind in a process of its own, one run per partition: start, then wait for it or cancel it.

    Between preview updates into the same site folder, a partition whose articles and
    bodies are unchanged keeps the bundle indexed last time (`reset` forgets them, for a
    build that starts from an empty folder), so an edit re-indexes one partition.
    Starting, waiting and cancelling are serialized: a new run starts only after the last
    one has stopped, so two Pagefinds never write one bundle (the preview's rebuilds and
    its shutdown come from different threads).

    Nobody waits for a preview's run (``background``): a thread of its own takes its reports
    and says a failure through ``report_background`` (one line in the terminal; the preview
    keeps the bundles it had), so a search that stopped updating never goes unnoticed.
    """

    def __init__(self, report_background: Callable[[str], object] | None = None) -> None:
        self._lock = threading.RLock()
        self.report_background = report_background
        self.watcher: threading.Thread | None = None
        self.process: BaseProcess | None = None
        self.inbox: Connection | None = None
        self.workdir: Path | None = None
        self.error: str | None = None
        self.jobs: dict[str, Job] = {}
        self.indexed: dict[str, tuple[object, ...]] = {}   # bundle folder -> what it holds
        self.store: BundleStore | None = None
        self.site_dir = ""

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
            self.store, self.site_dir = store, site_dir
            # Oldest first, so a partition's articles stay the same as news is added.
            ordered = sorted(articles, key=lambda a: (a.published, a.slug))
            jobs: list[Job] = []
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
            self.error = None
            for bundle, _part, _key in jobs:
                self.indexed.pop(bundle, None)
            self.jobs = {job[0]: job for job in jobs}
            # Pagefind's input lives only while this run indexes; named with our pid, so a killed
            # build's is removed by the next one.
            self.workdir = temp_folder(WORK_PREFIX)
            context = multiprocessing.get_context(start_method())
            self.inbox, outbox = context.Pipe(duplex=False)
            self.process = context.Process(target=index_partitions, name="ainews-search", daemon=True,
                                           args=(jobs, site_dir, background, str(self.workdir), os.getpid(), outbox))
            self.process.start()
            outbox.close()   # the child holds the other end: its exit ends our reading
            if background:
                self.watcher = threading.Thread(target=self._watch, name="ainews-search-watch", daemon=True)
                self.watcher.start()

    def _watch(self) -> None:
        """A preview's run: take its reports as they come; say a failure (not a cancellation)."""
        self._collect(block=True)
        if self.error is not None and self.report_background is not None:
            self.report_background(self.error)

    def _collect(self, block: bool) -> None:
        """Take the finished bundles (and a failure) the indexing process reported."""
        inbox = self.inbox
        if inbox is None:
            return
        while block or inbox.poll():
            try:
                kind, value = inbox.recv()
            except (EOFError, OSError):
                break
            if kind == "error":
                self.error = value
                continue
            bundle, part, key = self.jobs.pop(value)
            self.indexed[bundle] = part
            if self.store is not None:
                self.store.keep(key, Path(self.site_dir) / bundle)

    def running(self) -> bool:
        """Whether an index was started and not yet waited for or cancelled."""
        return self.process is not None

    def wait(self) -> None:
        """Block until every bundle is written; a Pagefind failure fails the build."""
        with self._lock:
            if self.process is None:
                return
            self._take_reports(block=True)
            self.process.join()
            failed = self.error or (None if not self.jobs else msg(
                "search: Pagefind failed: {reason}", reason=f"exit {self.process.exitcode}"))
            self._end()
            if failed is not None:
                raise PluginError(failed)
            if self.store is not None:   # every bundle is in place: the store keeps this build's only
                self.store.prune()

    def cancel(self) -> None:
        """Stop an unfinished run (a newer build supersedes it); keep what it finished."""
        with self._lock:
            if self.process is None:
                return
            self._take_reports(block=False)
            if self.process.is_alive():
                self.process.kill()   # Pagefind, tied to it, goes too
            self.process.join()
            if self.watcher is not None:   # its reading ends with the process
                self.watcher.join()
            self._end()

    def _take_reports(self, block: bool) -> None:
        """Reports read here, or by the watcher of a preview's run (one reader per pipe)."""
        if self.watcher is None:
            self._collect(block)
        elif block:
            self.watcher.join()

    def _end(self) -> None:
        if self.inbox is not None:
            self.inbox.close()
        if self.workdir is not None:
            shutil.rmtree(self.workdir, ignore_errors=True)
        self.process, self.inbox, self.workdir, self.jobs, self.watcher = None, None, None, {}, None

    def close(self) -> None:
        """Stop for good (the plugin shuts down)."""
        self.cancel()
