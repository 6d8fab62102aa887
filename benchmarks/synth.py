"""Synthetic libraries of Chinese replies with a realistic vocabulary, for benchmarks.

Real bureau prose is formulaic at the start and end of a reply and varied in between: a
paragraph opens with a verb and the reply's topic, cites a policy or two, names places,
firms, programmes, sums (2100万元), shares (30%), year ranges (2023-2025年), reply numbers
(JY202200585) and now and then a Latin name (Fashion Week, CBD), and fills the rest with
the common words of Chinese news and government writing. So a paragraph here is built from:

- the sample reply's own clauses (the bureau's register), topic phrases and verbs;
- words drawn by frequency from jieba's dictionary (349,046 words with counts from
  Chinese news text), so the long tail of rarely used words is there: at 1,000,000
  paragraphs the library holds millions of distinct character pairs, as a real one does;
- figures, numbers and Latin names as above;
- citations of ~1,000 policy measures (topic × policy year × support item), each always
  cited with its own rate and cap, in ~15% of paragraphs — what the measure checks look up;
- reuse: one paragraph in eight comes from a pool of standard paragraphs of its bureau, so
  usage counts vary as they do in a real library.

Paragraph lengths follow a log-normal distribution around 170 characters (20–900), as in
published replies. Deterministic for a given seed. jieba (extra "bench") supplies only its
dictionary file; nothing is segmented.

Libraries are built once per size, generator version and schema version and cached outside
the repository (``DAFU_BENCH_CACHE``, default ~/.cache/dafu-bench); the 1,000,000-paragraph
one takes a while, so build it with ``python benchmarks/synth.py --paragraphs 1000000``.
"""
from __future__ import annotations

import argparse
import datetime as dt
import itertools
import math
import os
import random
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "desktop"))

from dafu.model import Block, BlockKind, ReplyDocument, ReplyMeta  # noqa: E402

GENERATOR_VERSION = 2
PER_REPLY = 15          # paragraphs per reply; 14 distinct besides its 特此答复。 on average
SAMPLE = (ROOT / "resources" / "samples" / "reply_JY20230126.txt").read_text(encoding="utf-8")
CLAUSES = [c for c in re.split(r"(?<=[。；，])", SAMPLE.replace("\n", "")) if 6 <= len(c) <= 80]
TOPICS = ["时尚产业", "学位供给", "老旧小区", "加装电梯", "营商环境", "停车难", "垃圾分类", "养老服务", "社区医院",
          "人才住房", "科技创新", "直播电商", "文化旅游", "体育场馆", "河道治理", "交通拥堵", "校园安全", "食品安全",
          "城中村改造", "公共厕所", "口袋公园", "夜间经济", "首店经济", "跨境电商", "金融科技", "低空经济"]
BODIES = ["福田区文化广电旅游体育局", "深圳市福田区教育局", "福田区住房和建设局", "福田区发展和改革局",
          "福田区卫生健康局", "福田区商务局", "福田区科技创新局", "福田区城市管理和综合执法局"]
VERBS = ["加快", "推进", "完善", "落实", "优化", "强化", "建立", "健全", "深化", "扩大", "推动", "加强", "提升"]
NAMES = "张王李赵刘陈杨黄周吴徐孙朱马胡郭林何高罗"
LATIN = ["Fashion Week", "CBD", "SZIFF", "App", "5G", "AI", "IP", "VR", "Wi-Fi", "GDP", "PPP", "ESG", "O2O", "B2B",
         "LED", "KPI", "Design Week", "Startup", "Art Basel", "Smart City", "eVTOL", "Maker Faire"]
PLACES = ["福田区", "车公庙片区", "香蜜湖", "华强北", "梅林", "莲花山", "河套深港科技创新合作区", "沙头街道", "园岭街道",
          "南园街道", "福保街道", "华富街道", "泰然立城", "深圳湾", "皇岗口岸", "上沙村", "下沙村", "岗厦村"]
ITEMS = ["品牌提升支持", "行业提升支持", "设计创新支持", "首店落户支持", "平台建设支持", "人才引进奖励", "技术改造补贴",
         "展会活动资助", "数字化转型补贴", "空间租金补贴"]
BASES = ["项目总投资", "项目审计核准金额", "实际租金", "设备购置费用", "项目装修费用及设备购置费用等总费用", "实际发生费用"]
FUNCTION = list("的的的的和在对等与及为了将已并")
PUNCT_BETWEEN = ["，", "，", "，", "、", "；"]


class Vocabulary:
    """Words drawn by their frequency in jieba's dictionary."""

    def __init__(self):
        try:
            import jieba
        except ImportError:
            raise SystemExit("benchmarks need jieba's dictionary: .venv/bin/pip install -e '.[bench]'") from None
        words, weights = [], []
        with open(Path(jieba.__file__).parent / "dict.txt", encoding="utf-8") as f:
            for line in f:
                word, freq, _pos = line.rstrip("\n").rsplit(" ", 2)
                if 2 <= len(word) <= 4 and re.fullmatch(r"[\u4e00-\u9fff]+", word):
                    words.append(word)
                    weights.append(int(freq) ** 0.85)   # a little flatter than news text: replies vary their words
        self.words = words
        self.cumulative = list(itertools.accumulate(weights))

    def draw(self, rng: random.Random, k: int) -> list[str]:
        return rng.choices(self.words, cum_weights=self.cumulative, k=k)


class Measures:
    """Policies per topic and year, each with support items cited with fixed figures."""

    def __init__(self, rng: random.Random):
        self.by_topic: dict[str, list[tuple]] = {}
        for topic in TOPICS:
            rows = []
            for year in rng.sample(range(2019, 2025), 4):
                policy = f"深圳市福田区支持{topic}发展若干措施" if rng.random() < 0.7 else f"福田区{topic}专项扶持办法"
                for item in rng.sample(ITEMS, 10):
                    rows.append((year, policy, f"{topic[:2]}{item}", rng.choice(BASES), rng.choice([10, 20, 30, 50]),
                                 rng.choice([20, 50, 100, 200, 300, 500, 1000])))
            self.by_topic[topic] = rows

    def clause(self, rng: random.Random, topic: str) -> str:
        year, policy, item, base, rate, cap = rng.choice(self.by_topic[topic])
        once = "一次性" if cap >= 200 else ""
        return (f"{year}年《{policy}》推出“{item}”，按照不超过{base}的{rate}%给予最高{cap}万元的{once}支持。")


class Generator:
    def __init__(self, seed: int = 7):
        self.rng = random.Random(seed)
        self.vocab = Vocabulary()
        self.measures = Measures(random.Random(seed + 1))
        pool_rng = random.Random(seed + 2)
        self.standard = {body: [self._paragraph(pool_rng, pool_rng.choice(TOPICS), 0.5) for _ in range(60)]
                         for body in BODIES}

    def _figure(self, rng: random.Random) -> str:
        kind = rng.random()
        if kind < 0.3:
            return f"{rng.choice([rng.randint(1, 99), rng.randint(100, 9999)])}万元"
        if kind < 0.5:
            return f"{rng.randint(1, 95)}%"
        if kind < 0.65:
            start = rng.randint(2016, 2025)
            return f"{start}-{start + rng.choice([2, 3, 5])}年"
        if kind < 0.8:
            return f"{rng.randint(2, 600)}个"
        if kind < 0.9:
            return f"{rng.randint(1, 90)}.{rng.randint(1, 9)}亿元"
        return f"JY{rng.randint(2019, 2024)}{rng.randint(0, 99999):05d}"

    def _filler(self, rng: random.Random, chars: int) -> str:
        """Frequency-drawn words with function characters and commas, about ``chars`` long."""
        out, size = [], 0
        words = self.vocab.draw(rng, max(2, chars // 3))
        for i, word in enumerate(words):
            out.append(word)
            size += len(word)
            if size >= chars:
                break
            r = rng.random()
            if r < 0.25:
                out.append(rng.choice(FUNCTION))
            elif r < 0.37:
                out.append(rng.choice(PUNCT_BETWEEN))
            elif r < 0.40:
                out.append(self._figure(rng))
            elif r < 0.41:
                out.append(rng.choice(LATIN))
            elif r < 0.43:
                out.append(rng.choice(PLACES))
        return "".join(out).rstrip("，、；")

    def _paragraph(self, rng: random.Random, topic: str, measure_share: float = 0.15) -> str:
        length = min(900, max(20, int(rng.lognormvariate(math.log(150), 0.55))))
        parts = [f"{rng.choice(VERBS)}{topic}", "，"]
        size = len(parts[0]) + 1
        while size < length:
            r = rng.random()
            if r < 0.35:
                piece = rng.choice(CLAUSES)
            elif r < 0.45:
                piece = f"{rng.choice(VERBS)}{rng.choice(TOPICS)}，"
            else:
                piece = self._filler(rng, rng.randint(8, 30)) + rng.choice("，，，。；")
            parts.append(piece)
            size += len(piece)
        if rng.random() < measure_share:
            parts.append(self.measures.clause(rng, topic))
        text = "".join(parts).rstrip("，、；")
        return text if text.endswith("。") else text + "。"

    def reply(self, n: int, paragraphs: int = PER_REPLY) -> ReplyDocument:
        rng = self.rng
        topic = rng.choice(TOPICS)
        year = 2019 + n % 6
        number = f"JY{year}{n % 100000:05d}"
        title = f"关于区八届人大三次会议建议《关于{rng.choice(VERBS)}{topic}的建议》（{number}）的答复"
        date = dt.date(year, 1 + n % 12, 1 + n % 28)
        body = rng.choice(BODIES)
        blocks = [Block(BlockKind.TITLE, title, lines=(title,)),
                  Block(BlockKind.SALUTATION, f"尊敬的{rng.choice(NAMES)}{rng.choice(NAMES)}等代表："),
                  Block(BlockKind.PARAGRAPH, f"你们提出的《关于{topic}的建议》（{number}）已收悉。现答复如下：",
                        role="opening")]
        roles = ["background", "work_done", "work_done", "work_done", "next_steps"]
        for i in range(paragraphs - 2):
            text = rng.choice(self.standard[body]) if rng.random() < 0.125 else self._paragraph(rng, topic)
            blocks.append(Block(BlockKind.PARAGRAPH, text, role=roles[min(i * len(roles) // paragraphs, 4)]))
        blocks += [Block(BlockKind.CLOSING, "特此答复。", role="closing"), Block(BlockKind.ISSUER, body),
                   Block(BlockKind.DATE, f"{date.year}年{date.month}月{date.day}日")]
        meta = ReplyMeta(title=title, number=number, issuing_body=body, date=date, kind="suggestion",
                         contact_person="刘轩逸", contact_phone="83131539")
        return ReplyDocument(blocks, meta)


def reply_text(document: ReplyDocument) -> str:
    return "\n".join(b.display_text for b in document.blocks)


def cache_dir() -> Path:
    path = Path(os.environ.get("DAFU_BENCH_CACHE") or Path.home() / ".cache" / "dafu-bench")
    path.mkdir(parents=True, exist_ok=True)
    return path


def library_path(paragraphs: int, seed: int = 7) -> Path:
    """Where the cached library of this size, generator and schema lives."""
    from dafu.library import store
    return cache_dir() / f"library-{paragraphs}-g{GENERATOR_VERSION}-s{store.SCHEMA_VERSION}-seed{seed}.sqlite"


def ensure_library(paragraphs: int, seed: int = 7, quiet: bool = False) -> Path:
    path = library_path(paragraphs, seed)
    if not path.exists():
        start = time.perf_counter()
        if not quiet:
            print(f"building {path} (once; cached) …", flush=True)
        partial = path.with_suffix(".partial")
        for leftover in (partial, Path(f"{partial}-wal"), Path(f"{partial}-shm")):
            leftover.unlink(missing_ok=True)
        build_library(partial, paragraphs, seed, progress=not quiet)
        partial.rename(path)
        if not quiet:
            print(f"built in {time.perf_counter() - start:.0f} s", flush=True)
    return path


def build_library(path: Path, paragraphs: int, seed: int = 7, progress: bool = False) -> None:
    """A library with about ``paragraphs`` paragraphs, written through the importer's store step."""
    from dafu.library import index, store
    from dafu.library.importer import _store_reply

    generator = Generator(seed)
    db = store.connect(path)
    replies = max(1, paragraphs // (PER_REPLY - 1))
    start = time.perf_counter()
    db.execute("BEGIN")
    for n in range(replies):
        with index.batch(db):
            _store_reply(db, Path(f"synthetic/{n}.txt"), f"synthetic-{seed}-{n}", generator.reply(n))
        if n % 500 == 499:
            db.execute("COMMIT")
            db.execute("BEGIN")
            if progress and n % 5000 == 4999:
                rate = (n + 1) / (time.perf_counter() - start)
                print(f"  {n + 1:,}/{replies:,} replies, {rate:.0f}/s", flush=True)
    db.execute("COMMIT")
    index.fold_pending(db)
    db.execute("PRAGMA optimize")
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.conn.close()


def write_docx_files(folder: Path, count: int, seed: int = 11) -> list[Path]:
    from docx import Document

    generator = Generator(seed)
    folder.mkdir(parents=True, exist_ok=True)
    files = []
    for n in range(count):
        document = Document()
        for line in reply_text(generator.reply(100_000 + n)).splitlines():
            document.add_paragraph(line)
        path = folder / f"reply_{n:04d}.docx"
        document.save(path)
        files.append(path)
    return files


def main() -> None:
    parser = argparse.ArgumentParser(description="build (once) and cache a synthetic library")
    parser.add_argument("--paragraphs", type=int, default=200_000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    print(ensure_library(args.paragraphs, args.seed))


if __name__ == "__main__":
    main()
