"""read_corpus: every file and both registries read once, all problems of all files reported together."""

from __future__ import annotations

from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from conftest import Site, make_article
from ainews.model import corpus
from ainews.model.corpus import CorpusError, ParseCache, read_corpus
from ainews.model.validate import ModelSettings, parse_article
from ainews.render.pool import map_batches

SETTINGS = ModelSettings(zone=ZoneInfo("Asia/Tokyo"))


class Project(Site):
    """A project folder with content/ in tmp_path, read without MkDocs; paths in errors are relative to it."""

    def article(self, name: str, folder: str = "articles/2026/06", slug: str | None = None, **fields: object) -> Path:
        text = make_article(**fields)
        if slug is not None:
            text = text.replace("---\n", f"---\nslug: {slug}\n", 1)
        return self.write(f"{folder}/{name}.md", text)

    def read(self, cache: ParseCache | None = None):  # type: ignore[no-untyped-def]
        return read_corpus(self.content, "articles", SETTINGS, base=self.root, cache=cache)

    def problems(self) -> list[str]:
        with pytest.raises(CorpusError) as caught:
            self.read()
        return [str(p) for p in caught.value.problems]


@pytest.fixture
def project(tmp_path: Path) -> Project:
    (tmp_path / "content").mkdir()
    return Project(tmp_path)


def test_articles_in_any_sub_folder_are_read(project: Project) -> None:
    project.article("a", folder="articles")
    project.article("b", folder="articles/2026/06")
    project.article("c", folder="articles/2026/06/deep/er")
    corpus = project.read()
    assert sorted(a.slug for a in corpus.articles) == ["a", "b", "c"]
    assert {a.src_uri for a in corpus.articles} == {"articles/a.md", "articles/2026/06/b.md",
                                                    "articles/2026/06/deep/er/c.md"}


def test_hidden_files_and_folders_are_skipped_as_mkdocs_skips_them(project: Project) -> None:
    # macOS leaves binary `._name.md` files on shared drives; `.wip/` is a common parking place.
    project.article("a")
    project.write("articles/2026/06/._a.md", b"\x00\x05\x16\x07\x00\x02\x00\x00Mac OS X")
    project.article("parked", folder="articles/.wip")
    project.article("swap", folder="articles/2026/.backup/06")
    assert [a.slug for a in project.read().articles] == ["a"]


def test_an_empty_content_folder_is_an_empty_corpus(project: Project) -> None:
    assert project.read().articles == ()


def test_a_duplicate_slug_names_both_files(project: Project) -> None:
    project.article("first", folder="articles/2026/05", slug="same")
    project.article("same", folder="articles/2026/06")
    assert project.problems() == [
        "content/articles/2026/06/same.md: slug: 'same' is already used by content/articles/2026/05/first.md; "
        "slugs must be unique",
    ]


def test_a_duplicate_slug_of_a_draft_is_an_error_too(project: Project) -> None:
    project.article("one", slug="same", draft=True)
    project.article("two", slug="same")
    [problem] = project.problems()
    assert "content/articles/2026/06/one.md" in problem and problem.startswith("content/articles/2026/06/two.md: slug:")


def test_all_problems_of_all_files_are_reported_together(project: Project) -> None:
    project.article("good")
    project.article("bad-scores", scores={"depth": 7, "relevance": 5, "practicality": 3, "novelty": 4})
    project.article("bad-url", source={"name": "X", "url": "javascript:alert(1)"}, title=None)
    project.write("articles/2026/07/not-utf8.md", make_article().encode("cp932"))
    project.write("articles/2026/07/bad-yaml.md", "---\ntitle: [unclosed\n---\n本文\n")
    project.article("dup", slug="good")
    project.write("tags.yml", "LLM Safety:\n  colour: red\n")
    problems = project.problems()
    assert problems[0] == "content/tags.yml: LLM Safety.colour: unknown field; expected aliases, description, or for a company kind, name_ja, name_en, website, logo"
    assert set(problems[1:]) == {
        "content/articles/2026/06/bad-scores.md: scores.depth: must be an integer from 1 to 5, got 7",
        "content/articles/2026/06/bad-url.md: title: is required: expected non-empty text",
        "content/articles/2026/06/bad-url.md: source.url: must be an http or https URL, got 'javascript:alert(1)'",
        "content/articles/2026/07/not-utf8.md: file: must be UTF-8 text, got byte 0x83 at offset 20",
        "content/articles/2026/07/bad-yaml.md: front matter: is not valid YAML at line 3: "
        "did not find expected ',' or ']'",
        # Files are read in path order: dup.md comes first, so good.md is the duplicate.
        "content/articles/2026/06/good.md: slug: 'good' is already used by content/articles/2026/06/dup.md; "
        "slugs must be unique",
    }
    assert len(problems) == 7


def test_the_error_message_lists_every_problem_one_per_line(project: Project) -> None:
    project.article("a", title=None)
    project.article("b", tldr=None)
    with pytest.raises(CorpusError) as caught:
        project.read()
    assert str(caught.value).splitlines() == [
        "2 problems in the content:",
        "content/articles/2026/06/a.md: title: is required: expected non-empty text",
        "content/articles/2026/06/b.md: tldr: is required: expected non-empty text",
    ]


def test_related_slugs_must_name_articles(project: Project) -> None:
    project.article("a", related=["b", "nowhere"], related_exclude=["gone"])
    project.article("b")
    assert project.problems() == [
        "content/articles/2026/06/a.md: related: names no article: 'nowhere'",
        "content/articles/2026/06/a.md: related_exclude: names no article: 'gone'",
    ]


def test_tag_registry_gives_display_names_and_aliases(project: Project) -> None:
    project.write("tags.yml", "生成AI:\n  aliases: [GenAI, Generative AI]\n  description: 画像や文章を生成するAI\n")
    project.article("a", tags=["genai", "LLM Safety"])
    project.article("b", tags=["Generative AI", "llm safety"])
    project.article("c", tags=["LLM safety"])
    project.article("d", tags=["LLM Safety"])
    corpus = project.read()
    by_slug = {a.slug: a for a in corpus.articles}
    assert [(t.slug, t.name) for t in by_slug["a"].tags] == [("生成ai", "生成AI"), ("llm-safety", "LLM Safety")]
    assert [(t.slug, t.name) for t in by_slug["b"].tags] == [("生成ai", "生成AI"), ("llm-safety", "LLM Safety")]
    assert corpus.tags["生成ai"].description == "画像や文章を生成するAI"


def test_an_unregistered_tag_shows_its_commonest_spelling(project: Project) -> None:
    project.article("a", tags=["open weights"])
    project.article("b", tags=["Open Weights"])
    project.article("c", tags=["Open Weights"])
    project.article("d", tags=["open weights"], source={"name": "B", "url": "https://b.example/"})
    project.article("e", tags=["OPEN WEIGHTS"], source={"name": "B", "url": "https://b.example/"})
    corpus = project.read()
    # "Open Weights" and "open weights" tie 2 to 2: the alphabetically first wins, so rebuilds agree.
    assert {t.name for a in corpus.articles for t in a.tags} == {"Open Weights"}


def test_source_registry_gives_the_source_display_name(project: Project) -> None:
    project.write("sources.yml", "The Zvi:\n  url: https://thezvi.substack.com/\n  description: AI の週報\n")
    project.article("a", source={"name": "the zvi", "url": "https://thezvi.substack.com/p/a"})
    corpus = project.read()
    [article] = corpus.articles
    assert (article.source.slug, article.source.name) == ("the-zvi", "The Zvi")
    assert corpus.sources["the-zvi"].home == "https://thezvi.substack.com/"


@pytest.mark.parametrize(("name", "text", "expected"), [
    ("tags.yml", "AI:\n  aliases: [a\n", "content/tags.yml: (file): is not valid YAML at line 3: "),
    ("sources.yml", "- just\n- a list\n", "content/sources.yml: (file): must be a mapping keyed by name"),
    ("sources.yml", "The Zvi:\n  url: javascript:alert(1)\n",
     "content/sources.yml: The Zvi.url: must be an http or https URL, got 'javascript:alert(1)'"),
    ("tags.yml", "AI:\n  aliases: GenAI\n", "content/tags.yml: AI.aliases: must be a list of tag names, got 'GenAI'"),
])
def test_registry_problems_name_the_registry_file(project: Project, name: str, text: str, expected: str) -> None:
    project.article("a")
    project.write(name, text)
    [problem] = project.problems()
    assert problem.startswith(expected)


@pytest.mark.parametrize("name", ["tags.yml", "sources.yml"])
def test_a_non_utf8_registry_is_a_problem_not_a_crash(project: Project, name: str) -> None:
    project.article("a")
    project.write(name, "生成AI:\n  description: 説明\n".encode("cp932"))
    [problem] = project.problems()
    assert problem.startswith(f"content/{name}: (file): must be UTF-8 text, got byte 0x")


def test_registries_with_bom_and_crlf_are_read(project: Project) -> None:
    project.write("tags.yml", "\ufeff生成AI:\r\n  aliases: [GenAI]\r\n")
    project.article("a", tags=["GenAI"])
    [article] = project.read().articles
    assert [(t.slug, t.name) for t in article.tags] == [("生成ai", "生成AI")]


@pytest.mark.linux_only   # symlinks need admin rights on Windows
def test_a_link_to_a_file_outside_the_content_folder_is_refused(project: Project, tmp_path: Path) -> None:
    outside = tmp_path / "secret.md"
    outside.write_text(make_article(), encoding="utf-8")
    (project.content / "articles").mkdir(parents=True)
    (project.content / "articles" / "linked.md").symlink_to(outside)
    assert project.problems() == ["content/articles/linked.md: file: is a link to a file outside the content folder"]


def test_the_cache_reparses_only_changed_files(project: Project, monkeypatch: pytest.MonkeyPatch) -> None:
    parsed: list[str] = []

    def counting_parse(data: bytes, path: str, *args: object, **kwargs: object):  # type: ignore[no-untyped-def]
        parsed.append(path.rsplit("/", 1)[-1])
        return parse_article(data, path, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(corpus, "parse_article", counting_parse)
    cache = ParseCache()
    path = project.article("a")
    project.article("b")
    first = project.read(cache)
    assert sorted(parsed) == ["a.md", "b.md"]
    # Nothing changed: nothing is parsed again, and the same Article objects come back.
    again = project.read(cache)
    assert sorted(parsed) == ["a.md", "b.md"]
    assert {a.slug: a.key_points for a in again.articles}["b"] is {a.slug: a.key_points for a in first.articles}["b"]
    path.write_text(make_article(title="新しい見出し"), encoding="utf-8")
    second = project.read(cache)
    assert sorted(parsed) == ["a.md", "a.md", "b.md"]   # only the edited file
    assert {a.slug: a.title for a in second.articles}["a"] == "新しい見出し"


def test_a_first_read_in_worker_processes_gives_the_same_corpus_and_problems(
        project: Project, monkeypatch: pytest.MonkeyPatch) -> None:
    # Workers read the files by path and parse them; results, problems and their order are
    # those of reading one by one, and the parse cache is filled for the next read.
    for number in range(6):
        project.article(f"a{number}", title=f"記事 {number}")
    project.article("bad-scores", scores={"depth": 7, "relevance": 5, "practicality": 3, "novelty": 4})
    project.write("articles/2026/07/not-utf8.md", make_article().encode("cp932"))
    project.write("articles/2026/07/bad-yaml.md", "---\ntitle: [unclosed\n---\n本文\n")
    with pytest.raises(CorpusError) as serial:
        project.read()
    monkeypatch.setattr(corpus, "PARSE_POOL_MIN", 1)
    used: list[int] = []

    def mapper(work, items, **options):  # type: ignore[no-untyped-def]
        used.append(len(items))
        return map_batches(work, items, 2, batch_size=2, **options)

    cache = ParseCache()
    with pytest.raises(CorpusError) as pooled:
        read_corpus(project.content, "articles", SETTINGS, base=project.root, cache=cache, mapper=mapper)
    assert used == [9]
    assert [str(p) for p in pooled.value.problems] == [str(p) for p in serial.value.problems]
    for name in ("bad-scores", "not-utf8", "bad-yaml"):
        (project.content / "articles" / ("2026/06" if name == "bad-scores" else "2026/07") / f"{name}.md").unlink()
    assert project.read(cache) == read_corpus(project.content, "articles", SETTINGS, base=project.root,
                                              cache=ParseCache(), mapper=mapper)
    assert len(cache.entries) == 9 and used == [9, 6]
