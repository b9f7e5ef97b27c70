"""Seeded pools of Japanese and English prose, rendered as Markdown bodies.

Sentences are assembled once from small fragment lists (so a corpus of 10,000
articles costs a few `random.choice` calls per sentence, not string building),
then bodies are laid out as sections of paragraphs with the occasional list,
quote, code block or table. Everything depends only on the `random.Random`
passed in, so a seed reproduces the same corpus byte for byte.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass
from typing import Callable

POOL_SIZE = 4000

COMPANIES = [
    "OpenAI", "Anthropic", "Google DeepMind", "Meta", "Microsoft", "NVIDIA",
    "Mistral AI", "DeepSeek", "Alibaba", "Hugging Face", "Sakana AI", "xAI",
]
PRODUCTS = [
    "Opus 4.8", "GPT-5.5", "Gemini 3 Pro", "Llama 5", "Claude Code", "Qwen 4",
    "Mistral Large 3", "DeepSeek V4", "Sora 2", "Grok 5", "Codex CLI", "Gemma 4",
]
# (Japanese, English) pairs so a headline and its original say the same thing.
TOPICS = [
    ("モデル福祉", "Model Welfare"), ("推論コスト", "Inference Costs"),
    ("安全性評価", "Safety Evaluations"), ("エージェント設計", "Agent Design"),
    ("長文コンテキスト", "Long Context"), ("アライメント", "Alignment"),
    ("オープンウェイト", "Open Weights"), ("ベンチマーク", "Benchmarks"),
    ("著作権訴訟", "Copyright Lawsuits"), ("半導体供給", "Chip Supply"),
    ("データセンター電力", "Datacenter Power"), ("コーディング支援", "Coding Assistants"),
    ("プロンプトインジェクション", "Prompt Injection"), ("解釈可能性", "Interpretability"),
    ("合成データ", "Synthetic Data"), ("規制動向", "Regulation"),
]
JA_TITLE_FORMS = [
    "{company}、{product}を発表:{topic}に新たな一手",
    "{product} パート{n}:{topic}について",
    "{topic}の現在地 ― {company}の最新研究を読み解く",
    "{product}で何が変わるのか:{topic}の観点から",
    "{company}が示した{topic}の課題と展望",
]
EN_TITLE_FORMS = [
    "{company} Announces {product}: A New Move on {topic}",
    "{product} Part {n}: {topic}",
    "Where {topic} Stands Now: Reading {company}'s Latest Research",
    "What {product} Changes for {topic}",
    "{company} on the Problems and Prospects of {topic}",
]

JA_OPENERS = ["", "", "", "今回、", "一方で、", "さらに、", "具体的には、", "その結果、",
              "ただし、", "実際には、", "これまでのところ、", "興味深いことに、", "言い換えれば、"]
JA_SUBJECTS = [f"{c}は" for c in COMPANIES] + [
    "同社は", "研究者らは", "著者は", "開発者コミュニティでは", "多くの企業が", "この論文は",
    "新しいモデルは", "評価チームは", "欧州委員会は", "日本政府は", "スタートアップ各社は",
    "筆者は", "オープンソース陣営は", "今回のアップデートでは",
]
JA_OBJECTS = [
    "大規模言語モデルの推論能力を", "安全性評価の新しい枠組みを", "エージェントの長期記憶を",
    "マルチモーダル入力への対応を", "推論コストの削減を", "学習データの透明性を",
    "ベンチマークの飽和問題を", "コード生成の精度を", "GPUクラスターの運用効率を",
    "モデル福祉の問題を", "アライメント研究の方向性を", "RAGパイプラインの設計を",
    "コンテキスト長の拡張を", "量子化による軽量化を", "評価指標の妥当性を", "API価格の改定を",
    "著作権との関係を", "自律型エージェントのリスクを", "オンデバイス推論の可能性を",
    "強化学習による微調整を", "**ツール呼び出し**の信頼性を", "`temperature` の既定値を",
]
JA_ENDINGS = [
    "大幅に改善したと発表した。", "詳しく検証している。", "慎重に評価する必要があると指摘した。",
    "重視する方針を示した。", "公開しました。", "めぐる議論が続いている。", "課題として挙げている。",
    "明らかにした。", "再検討すべきだと主張している。", "前提に設計されている。",
    "今後の焦点になるとみられる。", "実証した点が注目される。", "十分に説明できていないと批判している。",
    "段階的に導入する計画だ。", "強く示唆している。", "ベンチマークで前世代比{pct}%改善したと報告した。",
]
JA_HEADINGS = ["背景", "概要", "技術的な詳細", "評価結果", "業界への影響", "今後の展望", "主な論点",
               "課題と限界", "実装のポイント", "まとめ", "なぜ重要なのか", "残された疑問"]
JA_ITEM_ENDINGS = ["が改善された", "に関する新しい指標", "への懸念", "の標準化", "の見直し",
                   "が今後の課題", "に対する反論"]

EN_OPENERS = ["", "", "", "However, ", "In practice, ", "As a result, ", "Notably, ",
              "At the same time, ", "To be clear, ", "In other words, ", "Still, "]
EN_SUBJECTS = COMPANIES + [
    "the model", "the research team", "the new system", "one critic", "the author",
    "every major lab", "the developer community", "the EU regulator", "the benchmark", "this approach",
]
EN_VERBS = [
    "significantly improves", "fails to address", "raises new questions about",
    "offers a credible path toward", "depends heavily on", "was trained to optimize",
    "quietly changes", "makes a strong case for", "underestimates", "reframes",
    "measures", "struggles with",
]
EN_OBJECTS = [
    "long-horizon reasoning", "the cost of inference", "model welfare", "the alignment problem",
    "evaluation methodology", "agentic workflows", "context windows of a million tokens",
    "open-weight releases", "the safety case", "synthetic training data", "prompt injection",
    "**tool use**", "the `system` prompt", "sycophancy", "[the technical report](https://example.com/report)",
    "GPU utilisation", "interpretability research", "the deprecation policy",
]
EN_TAILS = [
    "", "", " in ways that matter", " for most real-world workloads", ", at least on paper",
    " according to the technical report", " without much public discussion",
    " compared with last year's models", " by roughly {pct} percent",
]
EN_CLAUSES = ["", "", ", which {verb} {obj}", " because {subj} {verb} {obj}",
              ", even though {subj} {verb} {obj}", " while {subj} {verb} {obj}"]
EN_HEADINGS = ["Background", "What Changed", "Technical Details", "Evaluation", "Why It Matters",
               "Open Questions", "Implications for Developers", "Caveats", "The Bigger Picture",
               "What Comes Next", "A Closer Look", "Reactions"]

CODE_BLOCKS = [
    "```python\nfrom openai import OpenAI\n\nclient = OpenAI()\nreply = client.responses.create(\n"
    "    model=\"gpt-5.5\",\n    input=\"要約してください\",\n)\nprint(reply.output_text)\n```",
    "```bash\npip install -U transformers accelerate\npython -m torch.distributed.run --nproc_per_node 8 train.py\n```",
    "```json\n{\"model\": \"claude-opus-4-8\", \"max_tokens\": 1024, \"temperature\": 0.2}\n```",
    "```python\nimport numpy as np\n\ndef softmax(x: np.ndarray) -> np.ndarray:\n"
    "    e = np.exp(x - x.max())\n    return e / e.sum()\n```",
    "```yaml\nrouting:\n  default: small-model\n  fallback: large-model\n  max_retries: 3\n```",
]


_INLINE_MARKUP = re.compile(r"\*\*|`")


def strip_markup(text: str) -> str:
    """The text without the inline Markdown (bold, code) the pools sprinkle in."""
    return _INLINE_MARKUP.sub("", text)


@dataclass(frozen=True)
class Language:
    """What one language's prose is made of, and how its length is counted."""

    sentences: list[str]
    sizes: list[int]
    headings: list[str]
    items: list[str]
    table_header: str
    measure: Callable[[str], int]
    joiner: str


def _pct(rng: random.Random, text: str) -> str:
    return text.replace("{pct}", str(rng.randint(3, 85)))


def _ja_sentence(rng: random.Random) -> str:
    c = rng.choice
    return _pct(rng, c(JA_OPENERS) + c(JA_SUBJECTS) + c(JA_OBJECTS) + c(JA_ENDINGS))


def _en_sentence(rng: random.Random) -> str:
    c = rng.choice
    clause = c(EN_CLAUSES).format(subj=c(EN_SUBJECTS), verb=c(EN_VERBS), obj=c(EN_OBJECTS))
    text = f"{c(EN_OPENERS)}{c(EN_SUBJECTS)} {c(EN_VERBS)} {c(EN_OBJECTS)}{c(EN_TAILS)}{clause}."
    if not text.startswith(tuple(COMPANIES)):  # keep "xAI" as it is spelled
        text = text[0].upper() + text[1:]
    return _pct(rng, text)


def _count_words(text: str) -> int:
    return len(text.split())


def _make_language(rng: random.Random, sentence: Callable[[random.Random], str],
                   measure: Callable[[str], int], joiner: str, headings: list[str],
                   items: list[str], table_header: str) -> Language:
    sentences = [sentence(rng) for _ in range(POOL_SIZE)]
    return Language(sentences, [measure(s) for s in sentences], headings, items,
                    table_header, measure, joiner)


def make_japanese(rng: random.Random) -> Language:
    """Japanese prose; length is counted in characters."""
    items = [o.removesuffix("を") + e for o in JA_OBJECTS for e in JA_ITEM_ENDINGS]
    return _make_language(rng, _ja_sentence, len, "", JA_HEADINGS, items,
                          "| モデル | スコア | 価格(100万トークン) |\n| --- | ---: | ---: |")


def make_english(rng: random.Random) -> Language:
    """English prose; length is counted in words."""
    items = [f"{v.capitalize()} {o}" for v in EN_VERBS for o in EN_OBJECTS]
    return _make_language(rng, _en_sentence, _count_words, " ", EN_HEADINGS, items,
                          "| Model | Score | Price (per 1M tokens) |\n| --- | ---: | ---: |")


def make_headline(rng: random.Random) -> tuple[str, str]:
    """A matching (Japanese, English) headline pair."""
    form = rng.randrange(len(JA_TITLE_FORMS))
    ja_topic, en_topic = rng.choice(TOPICS)
    parts = {"company": rng.choice(COMPANIES), "product": rng.choice(PRODUCTS), "n": rng.randint(1, 4)}
    return (JA_TITLE_FORMS[form].format(topic=ja_topic, **parts),
            EN_TITLE_FORMS[form].format(topic=en_topic, **parts))


def paragraph(rng: random.Random, lang: Language, sentences: int) -> tuple[str, int]:
    """A paragraph of `sentences` pooled sentences and its size."""
    picks = rng.choices(range(len(lang.sentences)), k=sentences)
    return lang.joiner.join(lang.sentences[i] for i in picks), sum(lang.sizes[i] for i in picks)


def _extra_block(rng: random.Random, lang: Language) -> str | None:
    """Now and then a list, quote, code block or table between paragraphs."""
    roll = rng.random()
    if roll < 0.25:
        marker = rng.choice(["-", "1."])
        return "\n".join(f"{marker} {item}" for item in rng.sample(lang.items, rng.randint(3, 6)))
    if roll < 0.33:
        return "> " + paragraph(rng, lang, 2)[0]
    if roll < 0.40:
        return rng.choice(CODE_BLOCKS)
    if roll < 0.45:
        rows = [f"| {rng.choice(PRODUCTS)} | {rng.uniform(40, 95):.1f} | ${rng.uniform(0.1, 30):.2f} |"
                for _ in range(rng.randint(3, 5))]
        return "\n".join([lang.table_header, *rows])
    return None


def render_body(rng: random.Random, lang: Language, target: int) -> str:
    """Markdown of about `target` units (characters or words): sections of paragraphs.

    Lists, quotes, code and tables count towards the target too, so the page
    carries about `target` units of text in all.
    """
    blocks: list[str] = []
    size = 0
    while size < target:
        if blocks:
            blocks.append("## " + rng.choice(lang.headings))
        for _ in range(rng.randint(2, 4)):
            text, n = paragraph(rng, lang, rng.randint(3, 6))
            blocks.append(text)
            size += n
            if size >= target:
                break
            extra = _extra_block(rng, lang)
            if extra:
                blocks.append(extra)
                size += lang.measure(extra)
    return "\n\n".join(blocks)
