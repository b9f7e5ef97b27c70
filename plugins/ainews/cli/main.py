"""The `ainews` command: argument parsing and dispatch to one module per subcommand.

Exit status: 0 success, 1 content problems (or a refused `new`), 2 usage or
project-setup errors (no mkdocs.yml, bad plugin options).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
from pathlib import Path
from typing import Sequence

from ..model.corpus import CorpusError
from ..model.messages import LANG_VARIABLE, LANGUAGES, msg
from ..model.oserrors import reason
from ..model.report import plain
from .check import run_check
from .project import ProjectError, load_project
from .fieldtable import GuideError, update_guide
from .scaffold import ScaffoldError, create_article, slug_warning
from .schema import render_schema
from .stats import read_stats, render_stats, stats_json

DESCRIPTION = """\
AIニュースデスクの編集ツール / The editors' tool of the AI-news site.
Run it anywhere inside the project: it finds mkdocs.yml in this folder or above.
"""


def _add_config_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("-f", "--config-file", type=Path, metavar="FILE", default=argparse.SUPPRESS,
                        help=msg("the site's mkdocs.yml (default: found from the current folder upwards)"))


def make_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="ainews", description=DESCRIPTION,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    _add_config_option(parser)
    parser.add_argument("--lang", choices=LANGUAGES, default=argparse.SUPPRESS,
                        help=f"メッセージの言語 / language of messages: both (default), ja or en; "
                             f"the same as {LANG_VARIABLE}=...")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    new = commands.add_parser(
        "new", help=msg("create a new article file from the source URL"),
        description="新しい記事ファイルを作る / Create content/articles/YYYY/MM/<slug>.md with every field. "
                    "Its placeholders fail `ainews check` until filled in; an existing file is never "
                    "overwritten. Prints the new file's path.",
        epilog="example: ainews new https://www.anthropic.com/news/claude-opus-5")
    new.add_argument("url", metavar="SOURCE-URL", help=msg("the original article's http(s) URL"))
    new.add_argument("--slug", help=msg("URL slug and file name (default: from the URL's last path segment)"))
    new.add_argument("--date", type=dt.date.fromisoformat, metavar="YYYY-MM-DD",
                     help=msg("publication day and folder (default: the folder of today in the site time zone, "
                              "and `published` left for you to fill in)"))
    _add_config_option(new)

    check = commands.add_parser(
        "check", help=msg("validate articles exactly as the build does"),
        description="記事を検証する / Validate every article and content/tags.yml and sources.yml with "
                    "the build's own validator and print one line per problem (file: field: problem). "
                    "With PATHS, only problems about those files or folders are shown. Exit status 1 "
                    "when there is any problem, else 0.",
        epilog="example: ainews check content/articles/2026/11/claude-opus-5.md")
    check.add_argument("paths", nargs="*", metavar="PATHS", help=msg("article files or folders (default: all)"))
    _add_config_option(check)

    schema = commands.add_parser(
        "schema", help=msg("write the JSON Schema of the front matter"),
        description="front matter の JSON Schema を書き出す / Write a JSON Schema (draft-07) of an "
                    "article's front matter, for editors and tools; see docs/editors-guide.md. Both the "
                    "schema and the guide's field table come from plugins/ainews/model/fields.py.",
        epilog="example: ainews schema -o schema/article.schema.json --guide docs/editors-guide.md")
    schema.add_argument("-o", "--output", type=Path, metavar="FILE",
                        help="write here (default: stdout, unless --guide is given)")
    schema.add_argument("--guide", type=Path, metavar="FILE",
                        help="also rewrite the field table between the marker comments of this guide")

    stats = commands.add_parser(
        "stats", help=msg("print what the site holds and what to tidy"),
        description="サイトの統計 / Articles per day, source and tag; drafts; tags used once; sources "
                    "missing from content/sources.yml.",
        epilog="example: ainews stats --limit 0")
    stats.add_argument("--limit", type=int, default=20, metavar="N", help=msg("rows per table, 0 for all (default 20)"))
    stats.add_argument("--json", action="store_true", help=msg("print the numbers as JSON"))
    _add_config_option(stats)
    return parser


def _schema(output: Path | None, guide: Path | None) -> int:
    text = render_schema()
    if output:
        output.write_text(text, encoding="utf-8")   # an OSError is one line (main)
        print(output)
    elif not guide:
        sys.stdout.write(text)
    if guide:
        try:
            update_guide(guide)
        except (OSError, GuideError) as error:
            print(f"ainews schema: {guide}: {error}", file=sys.stderr)
            return 2
        print(guide)
    return 0


def _never_fail_to_print() -> None:
    # A Windows pipe or console in a legacy code page cannot encode every Japanese character
    # (cp932 has no 〜): print a \u escape there rather than crash with UnicodeEncodeError.
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure") and (stream.encoding or "").lower().replace("-", "") != "utf8":
            stream.reconfigure(errors="backslashreplace")


def main(argv: Sequence[str] | None = None) -> int:
    _never_fail_to_print()
    parser = make_parser()
    args = parser.parse_args(argv)
    if getattr(args, "lang", None):
        os.environ[LANG_VARIABLE] = args.lang   # read by every message, in this process and its workers
    if args.command is None:
        parser.print_help(sys.stderr)
        return 2
    try:
        status = _run(args)
        sys.stdout.flush()   # a full disk behind `> file` shows here, not as a traceback at exit
        return status
    except OSError as error:   # a file the command reads or writes: one line, never a traceback
        _drop_stdout()
        if isinstance(error, BrokenPipeError):   # `ainews stats | head`: the reader has had enough
            return 1
        where = error.filename if error.filename is not None else "-"   # "-": standard output
        print(f"ainews {args.command}: " + msg("{path}: cannot be read or written: {reason}",
                                               path=plain(str(where)), reason=reason(error)), file=sys.stderr)
        return 2


def _drop_stdout() -> None:
    # What is still buffered for stdout would fail again when Python flushes it at exit.
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError, AttributeError):
        pass


def _run(args: argparse.Namespace) -> int:
    if args.command == "schema":
        return _schema(args.output, args.guide)
    try:
        project = load_project(getattr(args, "config_file", None))
    except ProjectError as error:
        print(f"ainews: {error}", file=sys.stderr)
        return 2
    if args.command == "check":
        return run_check(project, args.paths)
    if args.command == "new":
        try:
            path = create_article(project, args.url, args.slug, args.date)
        except ScaffoldError as error:
            print(f"ainews new: {error}", file=sys.stderr)
            return 1
        warning = slug_warning(args.url, path.stem) if args.slug is None else None
        if warning is not None:
            print(f"ainews new: {warning}", file=sys.stderr)
        print(path.relative_to(Path.cwd()) if path.is_relative_to(Path.cwd()) else path)
        return 0
    try:
        stats = read_stats(project)
    except CorpusError as error:
        print("\n".join(map(str, error.problems)))
        print(msg("ainews stats: fix these problems first (ainews check)"), file=sys.stderr)
        return 1
    sys.stdout.write(stats_json(stats) if args.json else render_stats(stats, args.limit))
    return 0


if __name__ == "__main__":
    sys.exit(main())
