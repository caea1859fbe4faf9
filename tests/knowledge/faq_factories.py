"""Plain factories for knowledge-base test data: entries files written into a directory."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

import yaml

from knowledge.faq import KnowledgeBase, default_base

FIXTURE_ENTRIES = Path(__file__).resolve().parent / "data" / "entries"


def entry_data(entry_id: str = "home-test-entry", **overrides: Any) -> dict[str, Any]:
    """One well-formed entry mapping; ``overrides`` replace or (with None) remove keys."""
    data: dict[str, Any] = {
        "id": entry_id,
        "question": "生鸡蛋能直接吃吗？",
        "phrasings": ["鸡蛋可以生吃不", "溏心蛋安全吗", "生蛋拌饭会不会拉肚子"],
        "answer": "鸡蛋最好煮熟再吃。生鸡蛋可能带沙门氏菌。",
        "source": {"authority": "国家卫生健康委员会", "document": "中国居民膳食指南（2022）"},
        "checked": "2026-11-01",
    }
    for key, value in overrides.items():
        if value is None:
            data.pop(key, None)
        else:
            data[key] = value
    return data


def write_topic(directory: Path, entries: list[dict[str, Any]], *, topic: str = "home",
                name: str | None = None) -> Path:
    """An entries file for ``topic`` holding ``entries``."""
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / f"{name or topic}.yaml"
    path.write_text(yaml.safe_dump({
        "topic": topic,
        "topic_name": "测试主题",
        "topic_name_en": "Test topic",
        "entries": entries,
    }, allow_unicode=True), encoding="utf-8")
    return path


def shipped_base_with_chinese_only(entry_id: str | None = None) -> KnowledgeBase:
    """The shipped entries as a base of their own: ``entry_id`` without its English
    (question_en/answer_en), or, with None, only the entries that have English.

    Every shipped entry may be translated, so a test of the Chinese fallback makes its
    untranslated entry rather than hoping one is left.
    """
    shipped = default_base()
    if entry_id is None:
        entries = [entry for entry in shipped.entries() if entry.has_english]
    else:
        entries = [dataclasses.replace(entry, question_en=None, answer_en=None)
                   if entry.id == entry_id else entry for entry in shipped.entries()]
    return KnowledgeBase(entries, topics=shipped.topics())
