"""Synthetic libraries of realistic Chinese replies, for benchmarks.

Paragraphs are recombined from the sample reply's clauses plus domain phrases,
so term frequencies look like real bureau prose (many shared words, a long
tail of names and figures). Deterministic for a given seed.
"""
from __future__ import annotations

import datetime as dt
import random
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "desktop"))

from dafu.model import Block, BlockKind, ReplyDocument, ReplyMeta  # noqa: E402

SAMPLE = (ROOT / "resources" / "samples" / "reply_JY20230126.txt").read_text(encoding="utf-8")
CLAUSES = [c for c in re.split(r"(?<=[。；，])", SAMPLE.replace("\n", "")) if 6 <= len(c) <= 80]
TOPICS = ["时尚产业", "学位供给", "老旧小区", "加装电梯", "营商环境", "停车难", "垃圾分类", "养老服务", "社区医院",
          "人才住房", "科技创新", "直播电商", "文化旅游", "体育场馆", "河道治理", "交通拥堵", "校园安全", "食品安全",
          "城中村改造", "公共厕所", "口袋公园", "夜间经济", "首店经济", "跨境电商", "金融科技", "低空经济"]
BODIES = ["福田区文化广电旅游体育局", "深圳市福田区教育局", "福田区住房和建设局", "福田区发展和改革局",
          "福田区卫生健康局", "福田区商务局", "福田区科技创新局", "福田区城市管理和综合执法局"]
VERBS = ["加快", "推进", "完善", "落实", "优化", "强化", "建立", "健全", "深化", "扩大"]
NAMES = "张王李赵刘陈杨黄周吴徐孙朱马胡郭林何高罗"


def paragraph(rng: random.Random, topic: str) -> str:
    parts = [f"{rng.choice(VERBS)}{topic}", "，"]
    for _ in range(rng.randint(3, 9)):
        parts.append(rng.choice(CLAUSES))
    if rng.random() < 0.15:
        parts.append(f"按不超过项目总投资的{rng.choice([10, 20, 30, 50])}%给予最高{rng.choice([50, 100, 200, 500])}万元支持。")
    text = "".join(parts)
    return text if text.endswith("。") else text.rstrip("，；") + "。"


def reply_document(rng: random.Random, n: int, paragraphs: int = 15) -> ReplyDocument:
    topic = rng.choice(TOPICS)
    number = f"JY{2019 + n % 6}{n:05d}"
    title = f"关于区八届人大三次会议建议《关于{rng.choice(VERBS)}{topic}的建议》（{number}）的答复"
    date = dt.date(2019 + n % 6, 1 + n % 12, 1 + n % 28)
    blocks = [Block(BlockKind.TITLE, title, lines=(title,)),
              Block(BlockKind.SALUTATION, f"尊敬的{rng.choice(NAMES)}{rng.choice(NAMES)}等代表："),
              Block(BlockKind.PARAGRAPH, f"你们提出的《关于{topic}的建议》（{number}）已收悉。现答复如下：", role="opening")]
    roles = ["background", "work_done", "work_done", "work_done", "next_steps"]
    for i in range(paragraphs - 2):
        blocks.append(Block(BlockKind.PARAGRAPH, paragraph(rng, topic), role=roles[min(i * len(roles) // paragraphs, 4)]))
    blocks += [Block(BlockKind.CLOSING, "特此答复。", role="closing"), Block(BlockKind.ISSUER, rng.choice(BODIES)),
               Block(BlockKind.DATE, f"{date.year}年{date.month}月{date.day}日")]
    meta = ReplyMeta(title=title, number=number, issuing_body=blocks[-2].text, date=date, kind="suggestion",
                     contact_person="刘轩逸", contact_phone="83131539")
    return ReplyDocument(blocks, meta)


def reply_text(document: ReplyDocument) -> str:
    return "\n".join(b.display_text for b in document.blocks)


def build_library(path: Path, paragraphs: int, seed: int = 7) -> None:
    """A library with about ``paragraphs`` paragraphs, written straight through the importer's store step."""
    from dafu.library import store
    from dafu.library.importer import _store_reply

    rng = random.Random(seed)
    db = store.connect(path)
    per_reply = 15  # 14 distinct paragraphs each: every reply shares its 特此答复。
    db.execute("BEGIN")
    for n in range(paragraphs // (per_reply - 1)):
        document = reply_document(rng, n, per_reply)
        _store_reply(db, Path(f"synthetic/{n}.txt"), f"synthetic-{seed}-{n}", document)
        if n % 500 == 499:
            db.execute("COMMIT")
            db.execute("BEGIN")
    db.execute("COMMIT")
    db.execute("PRAGMA optimize")
    db.conn.close()


def write_docx_files(folder: Path, count: int, seed: int = 11) -> list[Path]:
    from docx import Document

    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    files = []
    for n in range(count):
        document = Document()
        for line in reply_text(reply_document(rng, 100_000 + n)).splitlines():
            document.add_paragraph(line)
        path = folder / f"reply_{n:04d}.docx"
        document.save(path)
        files.append(path)
    return files
