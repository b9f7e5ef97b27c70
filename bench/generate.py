"""Generate a deterministic synthetic corpus of articles in our content format.

    python bench/generate.py --n 1000 --out /tmp/corpus --seed 1

writes DIR/content/articles/YYYY/MM/<slug>.md (about 3,500 Japanese characters,
then `<!-- original -->`, then about 2,000 English words), DIR/content/tags.yml,
DIR/content/sources.yml and three ordinary pages in DIR/content/pages/. Tags (200 names, English and Japanese) are drawn
Zipf-distributed, as are the 30 sources; publication times spread over one
year in +09:00. The same seed gives the same bytes.
"""

from __future__ import annotations

import argparse
import random
import re
import time
import unicodedata
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from itertools import accumulate
from pathlib import Path
from typing import Any, Sequence

from corpus import ORIGINAL_MARKER, render_front_matter, render_yaml
from textpool import (Language, make_english, make_headline, make_japanese, paragraph,
                      render_body, strip_markup)

JST = timezone(timedelta(hours=9))
START = datetime(2025, 7, 1, tzinfo=JST)
YEAR_MINUTES = 365 * 24 * 60
JA_CHARS = 3500
EN_WORDS = 2000
TAG_COUNT = 200
ZIPF_EXPONENT = 1.07

SOURCES: list[tuple[str, str]] = [
    ("The Zvi", "https://thezvi.substack.com"),
    ("Simon Willison's Weblog", "https://simonwillison.net"),
    ("Import AI", "https://importai.substack.com"),
    ("OpenAI News", "https://openai.com/news"),
    ("Anthropic News", "https://www.anthropic.com/news"),
    ("Google DeepMind Blog", "https://deepmind.google/discover/blog"),
    ("Hugging Face Blog", "https://huggingface.co/blog"),
    ("Meta AI Blog", "https://ai.meta.com/blog"),
    ("Microsoft Research Blog", "https://www.microsoft.com/en-us/research/blog"),
    ("NVIDIA Technical Blog", "https://developer.nvidia.com/blog"),
    ("The Batch", "https://www.deeplearning.ai/the-batch"),
    ("Latent Space", "https://www.latent.space"),
    ("Interconnects", "https://www.interconnects.ai"),
    ("One Useful Thing", "https://www.oneusefulthing.org"),
    ("Stratechery", "https://stratechery.com"),
    ("Ars Technica AI", "https://arstechnica.com/ai"),
    ("The Verge AI", "https://www.theverge.com/ai-artificial-intelligence"),
    ("MIT Technology Review", "https://www.technologyreview.com"),
    ("TechCrunch AI", "https://techcrunch.com/category/artificial-intelligence"),
    ("VentureBeat AI", "https://venturebeat.com/category/ai"),
    ("arXiv cs.CL", "https://arxiv.org/list/cs.CL/recent"),
    ("Lil'Log", "https://lilianweng.github.io"),
    ("Andrej Karpathy", "https://karpathy.github.io"),
    ("Ahead of AI", "https://magazine.sebastianraschka.com"),
    ("LessWrong", "https://www.lesswrong.com"),
    ("AI Alignment Forum", "https://www.alignmentforum.org"),
    ("ITmedia AI+", "https://www.itmedia.co.jp/aiplus"),
    ("Publickey", "https://www.publickey1.jp"),
    ("日経クロステック", "https://xtech.nikkei.com"),
    ("Zenn トレンド", "https://zenn.dev"),
]

EN_TAGS = """LLM|AI Safety|LLM Safety|Alignment|Model Welfare|Anthropic|OpenAI|Google DeepMind|Meta|
Microsoft|NVIDIA|Mistral|DeepSeek|Qwen|Hugging Face|Open Source|Open Weights|Agents|AI Agents|RAG|
Fine-tuning|RLHF|Reinforcement Learning|Reasoning|Benchmarks|Evaluation|Interpretability|
Mechanistic Interpretability|Multimodal|Vision|Speech|Robotics|Coding|Code Generation|Claude|GPT|
Gemini|Llama|Inference|Quantization|GPUs|TPU|Hardware|Datacenters|Energy|AI Policy|Regulation|
EU AI Act|Copyright|Privacy|Security|Prompt Injection|Jailbreaks|Red Teaming|Hallucination|
Context Window|Long Context|Memory|Tool Use|MCP|Embeddings|Vector Databases|Search|Education|
Healthcare|Finance|Startups|Funding|Chips|Scaling Laws|Synthetic Data|Distillation|Small Models|
On-device AI|Diffusion Models|Image Generation|Video Generation|Audio|Translation|Math|Science|
Biology|Forecasting|Economics|Labor Market|Productivity|Developer Tools|IDE|Python|Rust|Kubernetes|
MLOps|Observability|Pricing|API|Enterprise AI|Governance|Ethics|Bias|Transparency|Compute|AGI|
Superintelligence|Existential Risk|China|Open Letters|Research Papers|Podcasts|Interviews|Opinion|
Adversarial Robustness|Sycophancy"""
JA_TAGS = """生成AI|大規模言語モデル|安全性|アライメント研究|モデルの福祉|倫理|規制|著作権|教育|医療|金融|自動運転|
ロボット|半導体|データセンター|電力|オープンソースAI|エージェント|推論|評価|ベンチマーク比較|画像生成AI|動画生成AI|
音声認識|機械翻訳|自然言語処理|強化学習|蒸留|量子化技術|検索拡張生成|プロンプト|セキュリティ対策|プライバシー保護|
雇用|生産性|スタートアップ|資金調達|国内動向|政策|日本語モデル|研究論文|業界動向|解説|考察|インタビュー|
開発者向け|企業導入|業務効率化|コーディング支援|マルチモーダルAI|長文コンテキスト|記憶|推論コスト|透明性|
説明可能性|偏り|社会的影響|国際動向|米国|中国|欧州|経済|科学|数学|創薬|気候変動|農業|製造業|小売|広告|
ゲーム|エンタメ|音楽|法律|行政|自治体|人材育成|リスキリング|ハードウェア|クラウド|エッジAI|スマートフォン|
量子コンピュータ|宇宙|サイバー攻撃|偽情報|ディープフェイク|選挙|日本"""


PAGES = {
    "about.md": "# このサイトについて\n\n海外の重要なAIニュースを日本語訳と分析でお届けします。\n",
    "privacy.md": "# プライバシーポリシー\n\n当サイトはアクセス解析のためにCookieを使用します。\n",
    "legal.md": "# 特定商取引法に基づく表記\n\n| 項目 | 内容 |\n| --- | --- |\n| 販売業者 | 例示株式会社 |\n",
}


def slugify(name: str) -> str:
    """The content model's slug rule: NFKC, lower case, non-alphanumeric runs to `-`."""
    text = unicodedata.normalize("NFKC", name).lower()
    return re.sub(r"[\W_]+", "-", text).strip("-")


def tag_names(rng: random.Random) -> list[str]:
    """200 tag names with distinct slugs, shuffled so each popularity rank mixes languages."""
    names: dict[str, str] = {}
    for name in (EN_TAGS + "|" + JA_TAGS).replace("\n", "").split("|"):
        names.setdefault(slugify(name), name)
    chosen = list(names.values())[:TAG_COUNT]
    if len(chosen) < TAG_COUNT:
        raise ValueError(f"only {len(chosen)} distinct tag names")
    rng.shuffle(chosen)
    return chosen


def zipf_weights(count: int, exponent: float = ZIPF_EXPONENT) -> list[float]:
    """Cumulative Zipf weights for ranks 1..count."""
    return list(accumulate(1 / rank**exponent for rank in range(1, count + 1)))


@dataclass
class Generator:
    """Everything an article is drawn from; `article()` makes the next one."""

    rng: random.Random
    ja: Language
    en: Language
    tags: list[str]
    tag_weights: list[float]
    source_weights: list[float]
    slugs: set[str]

    @classmethod
    def seeded(cls, seed: int) -> Generator:
        rng = random.Random(seed)
        tags = tag_names(rng)
        return cls(rng, make_japanese(rng), make_english(rng), tags,
                   zipf_weights(len(tags)), zipf_weights(len(SOURCES), 0.8), set())

    def _unique_slug(self, title: str) -> str:
        base = "-".join(slugify(title).split("-")[:10])
        slug, n = base, 1
        while slug in self.slugs:
            n += 1
            slug = f"{base}-{n}"
        self.slugs.add(slug)
        return slug

    def _pick_tags(self) -> list[str]:
        want = self.rng.randint(3, 6)
        picked: dict[str, None] = {}
        while len(picked) < want:
            picked[self.rng.choices(self.tags, cum_weights=self.tag_weights)[0]] = None
        return list(picked)

    def _ja(self, sentences: int) -> str:
        """Plain Japanese text for front matter, which is not Markdown."""
        return strip_markup(paragraph(self.rng, self.ja, sentences)[0])

    def article(self) -> tuple[str, str]:
        """(relative path, file text) of the next article."""
        rng = self.rng
        title, original_title = make_headline(rng)
        slug = self._unique_slug(original_title)
        name, home = rng.choices(SOURCES, cum_weights=self.source_weights)[0]
        published = START + timedelta(minutes=rng.randrange(YEAR_MINUTES))
        meta: dict[str, Any] = {
            "title": title,
            "original_title": original_title,
            "source": {"name": name, "url": f"{home}/p/{slug}"},
            "published": published,
            "analyzed": published + timedelta(minutes=rng.randint(20, 360)),
            "tags": self._pick_tags(),
            "tldr": self._ja(rng.randint(2, 3)),
            "scores": {k: rng.choices(range(1, 6), weights=(1, 3, 6, 6, 3))[0]
                       for k in ("depth", "relevance", "practicality", "novelty")},
            "key_points": [
                {"title": strip_markup(rng.choice(self.ja.items)), "detail": self._ja(rng.randint(1, 2))}
                for _ in range(rng.randint(3, 5))
            ],
            "impact": self._ja(rng.randint(2, 4)),
            "editorial": self._ja(rng.randint(1, 3)),
        }
        ja_body = render_body(rng, self.ja, int(JA_CHARS * rng.uniform(0.8, 1.2)))
        en_body = render_body(rng, self.en, int(EN_WORDS * rng.uniform(0.8, 1.2)))
        text = f"{render_front_matter(meta)}\n{ja_body}\n\n{ORIGINAL_MARKER}\n\n{en_body}\n"
        return f"articles/{published:%Y/%m}/{slug}.md", text


def registries(tags: Sequence[str]) -> tuple[dict[str, Any], dict[str, Any]]:
    """(tags.yml, sources.yml) contents: a few described tags, every source."""
    tags_yml = {name: {"description": f"{name} に関する記事の一覧です。"} for name in tags[:5]}
    sources_yml = {name: {"url": home, "description": f"{name} の記事を日本語で紹介します。"}
                   for name, home in SOURCES}
    return tags_yml, sources_yml


def generate_corpus(out: Path, n: int, seed: int) -> Path:
    """Write `n` articles, the pages and both registries under `out/content`; return it."""
    content = out / "content"
    gen = Generator.seeded(seed)
    made_dirs: set[Path] = set()
    for _ in range(n):
        rel, text = gen.article()
        path = content / rel
        if path.parent not in made_dirs:
            path.parent.mkdir(parents=True, exist_ok=True)
            made_dirs.add(path.parent)
        path.write_text(text, encoding="utf-8")
    (content / "pages").mkdir(parents=True, exist_ok=True)
    for name, text in PAGES.items():
        (content / "pages" / name).write_text(text, encoding="utf-8")
    for name, data in zip(("tags.yml", "sources.yml"), registries(gen.tags)):
        (content / name).write_text(render_yaml(data), encoding="utf-8")
    return content


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=100, help="number of articles")
    parser.add_argument("--out", type=Path, required=True, help="site folder; content/ goes inside")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    start = time.perf_counter()
    content = generate_corpus(args.out, args.n, args.seed)
    print(f"{args.n} articles in {content} ({time.perf_counter() - start:.1f} s)")


if __name__ == "__main__":
    main()
