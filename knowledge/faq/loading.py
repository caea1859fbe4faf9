"""Reading the entries files into checked :class:`Entry` values.

Every problem is collected as a :class:`Problem` naming the file and the entry, rather than
raised at the first one, so ``foodsafe kb check`` can list them all and the running assistant
can still serve every entry that is well-formed.
"""

from __future__ import annotations

import contextlib
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from knowledge.faq.entry import Entry, Source, Topic

ENTRIES_DIR = Path(__file__).resolve().parent / "entries"

ID_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
TOPIC_PATTERN = re.compile(r"^[a-z][a-z0-9_]*$")
MIN_PHRASINGS = 3
MIN_SENTENCES, MAX_SENTENCES = 2, 6
_SENTENCE = re.compile(r"[^。！？!?]+(?:[。！？!?]+|$)")
_AFTER_STOP = re.compile(r"(?<=[。！？；：，])\s+")
_FILE_KEYS = frozenset({"topic", "topic_name", "topic_name_en", "entries"})
_REQUIRED_ENTRY_KEYS = ("id", "question", "phrasings", "answer", "source", "checked")
_ENGLISH_KEYS = ("question_en", "answer_en")
_ENTRY_KEYS = frozenset({*_REQUIRED_ENTRY_KEYS, "keywords", *_ENGLISH_KEYS, "phrasings_en"})
_SOURCE_KEYS = frozenset({"authority", "document", "authority_en", "document_en"})
# An English sentence ends in . ! or ? (and any closing quote or bracket) before the end or
# before a space and a word that does not start in lower case: "e.g. a fridge" goes on.
_SENTENCE_EN = re.compile(r"[.!?]+[\"'”’)\]]*(?=\s+[^\sa-z]|\s*$)")
# Chinese script and its punctuation (CJK symbols, full-width forms).
_CJK = re.compile(r"[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef]")
# Quoted names may keep their Chinese: “…”, "…", ‘…’, 《…》, 「…」.
_QUOTED = re.compile(r"“[^”]*”|\"[^\"]*\"|‘[^’]*’|《[^》]*》|「[^」]*」")


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with the entries, located precisely enough to fix it."""

    path: str
    entry_id: str | None
    message: str

    def __str__(self) -> str:
        where = f"{self.path}: {self.entry_id}" if self.entry_id else self.path
        return f"{where}: {self.message}"


@dataclass
class Loaded:
    """The well-formed topics and entries, and every problem found on the way."""

    topics: list[Topic] = field(default_factory=list)
    entries: list[Entry] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    files: dict[str, str] = field(default_factory=dict)  # entry id → the file defining it


def count_sentences(text: str) -> int:
    """Sentences as a reader counts them: runs ending in 。！？ (or the end of the text)."""
    return sum(1 for part in _SENTENCE.findall(text.strip()) if part.strip("。！？!? \n"))


def count_sentences_en(text: str) -> int:
    """Sentences of English text: runs ending in . ! ? before a new sentence or the end."""
    text = " ".join(text.split())
    if not text:
        return 0
    count, end = 0, 0
    for match in _SENTENCE_EN.finditer(text):
        count, end = count + 1, match.end()
    # A last run without a full stop is a sentence too.
    return count + (1 if text[end:].strip() else 0)


def chinese_outside_quotes(text: str) -> str:
    """The Chinese characters of ``text`` outside quoted names ("" when there are none)."""
    return "".join(_CJK.findall(_QUOTED.sub("", text)))


def entry_files(directory: Path = ENTRIES_DIR) -> list[Path]:
    """The entries files, in a stable order."""
    return sorted([*directory.glob("*.yaml"), *directory.glob("*.yml")])


def load_directory(directory: Path = ENTRIES_DIR) -> Loaded:
    """Every entries file under ``directory``; ids must be unique across all of them."""
    loaded = Loaded()
    seen_ids: dict[str, str] = {}
    seen_topics: dict[str, str] = {}
    for path in entry_files(directory):
        topic, entries, problems = load_file(path)
        loaded.problems.extend(problems)
        if topic is not None:
            if topic.code in seen_topics:
                loaded.problems.append(
                    Problem(path.name, None, f"topic {topic.code!r} is also used by "
                            f"{seen_topics[topic.code]}")
                )
            else:
                seen_topics[topic.code] = path.name
                loaded.topics.append(topic)
        for entry in entries:
            if entry.id in seen_ids:
                loaded.problems.append(
                    Problem(path.name, entry.id, f"duplicate id (also in {seen_ids[entry.id]})")
                )
                continue
            seen_ids[entry.id] = path.name
            loaded.files[entry.id] = path.name
            loaded.entries.append(entry)
    if not loaded.entries and not loaded.problems:
        loaded.problems.append(Problem(str(directory), None, "no entries files found"))
    return loaded


def load_file(path: Path) -> tuple[Topic | None, list[Entry], list[Problem]]:
    """One topic file: its topic, its well-formed entries, and the problems of the rest."""
    name = path.name
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        return None, [], [Problem(name, None, f"not valid YAML: {exc}")]
    if not isinstance(data, dict):
        return None, [], [Problem(name, None, "must be a mapping with topic, topic_name, "
                                  "topic_name_en and entries")]
    problems = [Problem(name, None, f"unknown key {key!r}") for key in data
                if key not in _FILE_KEYS]
    topic = _topic(name, data, problems)
    raw_entries = data.get("entries")
    if not isinstance(raw_entries, list) or not raw_entries:
        problems.append(Problem(name, None, "entries must be a non-empty list"))
        return topic, [], problems
    entries = []
    for position, raw in enumerate(raw_entries, start=1):
        entry = _entry(name, position, topic, raw, problems)
        if entry is not None:
            entries.append(entry)
    return topic, entries, problems


def _topic(name: str, data: dict[str, Any], problems: list[Problem]) -> Topic | None:
    code = data.get("topic")
    if not isinstance(code, str) or not TOPIC_PATTERN.match(code):
        problems.append(Problem(name, None, "topic must be a code like home or eating_out"))
        return None
    titles = []
    for key in ("topic_name", "topic_name_en"):
        value = data.get(key)
        if not _text(value):
            problems.append(Problem(name, None, f"{key} must be a non-empty string"))
            return None
        titles.append(str(value).strip())
    return Topic(code=code, name=titles[0], name_en=titles[1])


def _text(value: object) -> bool:
    return isinstance(value, str) and bool(value.strip())


def _entry(
    name: str, position: int, topic: Topic | None, raw: object, problems: list[Problem]
) -> Entry | None:
    if not isinstance(raw, dict):
        problems.append(Problem(name, f"entry #{position}", "must be a mapping"))
        return None
    entry_id = raw.get("id")
    label = entry_id if isinstance(entry_id, str) else f"entry #{position}"
    found: list[str] = []
    found += [f"unknown key {key!r}" for key in raw if key not in _ENTRY_KEYS]
    found += [f"missing {key}" for key in _REQUIRED_ENTRY_KEYS if key not in raw]
    if "id" in raw and not (isinstance(entry_id, str) and ID_PATTERN.match(entry_id)):
        found.append("id must be lower-case letters, digits and hyphens, e.g. home-leftovers")
    if "question" in raw and not _text(raw["question"]):
        found.append("question must be a non-empty string")
    phrasings = _phrasings(raw.get("phrasings"), raw.get("question"), found) \
        if "phrasings" in raw else ()
    answer = raw.get("answer")
    if "answer" in raw:
        _check_answer(answer, found)
    source = _source(raw.get("source"), found) if "source" in raw else None
    checked = _checked(raw.get("checked"), found) if "checked" in raw else None
    keywords = _keywords(raw.get("keywords"), found)
    question_en, answer_en = _english(raw, found)
    phrasings_en = _phrasings_en(raw, question_en, found) if "phrasings_en" in raw else ()
    problems.extend(Problem(name, label, message) for message in found)
    if found or topic is None or source is None or checked is None:
        return None
    return Entry(
        id=str(entry_id),
        topic=topic.code,
        question=str(raw["question"]).strip(),
        phrasings=phrasings,
        answer=_tidy(str(answer)),
        source=source,
        checked=checked,
        keywords=keywords,
        question_en=question_en,
        answer_en=answer_en,
        phrasings_en=phrasings_en,
    )


def _english(raw: dict[str, Any], found: list[str]) -> tuple[str | None, str | None]:
    """The optional English question and answer: both or neither, English throughout."""
    present = [key for key in _ENGLISH_KEYS if key in raw]
    if not present:
        return None, None
    if len(present) == 1:
        missing = next(key for key in _ENGLISH_KEYS if key not in raw)
        found.append(f"{present[0]} needs {missing} beside it")
        return None, None
    texts: list[str] = []
    for key in _ENGLISH_KEYS:
        value = raw[key]
        if not _text(value):
            found.append(f"{key} must be a non-empty string")
            continue
        text = " ".join(str(value).split())
        _check_english(key, text, found)
        texts.append(text)
    if len(texts) != len(_ENGLISH_KEYS):
        return None, None
    sentences = count_sentences_en(texts[1])
    if not MIN_SENTENCES <= sentences <= MAX_SENTENCES:
        found.append(
            f"answer_en has {sentences} sentences; write {MIN_SENTENCES} to {MAX_SENTENCES}"
        )
    return texts[0], texts[1]


def _phrasings_en(raw: dict[str, Any], question_en: str | None,
                  found: list[str]) -> tuple[str, ...]:
    """The optional English phrasings: beside question_en, at least three, distinct, none the
    English question itself, each written mostly in Latin letters."""
    value = raw["phrasings_en"]
    if not isinstance(value, list) or not all(_text(item) for item in value):
        found.append("phrasings_en must be a list of non-empty strings")
        return ()
    phrasings = tuple(" ".join(str(item).split()) for item in value)
    if "question_en" not in raw:
        found.append("phrasings_en needs question_en beside it")
    if len(phrasings) < MIN_PHRASINGS:
        found.append(f"needs at least {MIN_PHRASINGS} phrasings_en, has {len(phrasings)}")
    if len({p.casefold() for p in phrasings}) < len(phrasings):
        found.append("an English phrasing is repeated")
    if question_en is not None and question_en.casefold() in {p.casefold() for p in phrasings}:
        found.append("an English phrasing repeats question_en itself")
    found += [f"phrasings_en {p!r} is not mostly Latin letters" for p in phrasings
              if not mostly_latin(p)]
    return phrasings


def mostly_latin(text: str) -> bool:
    """Whether ``text`` is written mostly in Latin letters rather than Chinese."""
    latin = sum(1 for char in text if char.isascii() and char.isalpha())
    return latin > 2 * sum(1 for char in text if "\u3400" <= char <= "\u9fff")


def _check_english(key: str, text: str, found: list[str]) -> None:
    chinese = chinese_outside_quotes(text)
    if chinese:
        found.append(f"{key} has Chinese outside quoted names: {chinese[:20]!r}")


def _tidy(answer: str) -> str:
    """One paragraph: a folded block leaves a blank between sentences, which Chinese has not."""
    text = " ".join(answer.split())
    return _AFTER_STOP.sub("", text)


def _phrasings(value: object, question: object, found: list[str]) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(_text(item) for item in value):
        found.append("phrasings must be a list of non-empty strings")
        return ()
    phrasings = tuple(str(item).strip() for item in value)
    if len(phrasings) < MIN_PHRASINGS:
        found.append(f"needs at least {MIN_PHRASINGS} phrasings, has {len(phrasings)}")
    if len(set(phrasings)) < len(phrasings):
        found.append("a phrasing is repeated")
    if isinstance(question, str) and question.strip() in phrasings:
        found.append("a phrasing repeats the question itself")
    return phrasings


def _check_answer(answer: object, found: list[str]) -> None:
    if not _text(answer):
        found.append("answer must be a non-empty string")
        return
    sentences = count_sentences(str(answer))
    if not MIN_SENTENCES <= sentences <= MAX_SENTENCES:
        found.append(
            f"answer has {sentences} sentences; write {MIN_SENTENCES} to {MAX_SENTENCES}"
        )


def _source(value: object, found: list[str]) -> Source | None:
    if not isinstance(value, dict) or not _text(value.get("authority")) \
            or not _text(value.get("document")):
        found.append("source needs a non-empty authority and document")
        return None
    found += [f"unknown source key {key!r}" for key in value if key not in _SOURCE_KEYS]
    english: dict[str, str | None] = {}
    for key in ("authority_en", "document_en"):
        if key not in value:
            english[key] = None
        elif not _text(value[key]):
            found.append(f"source {key} must be a non-empty string")
            english[key] = None
        else:
            english[key] = " ".join(str(value[key]).split())
            _check_english(f"source {key}", str(english[key]), found)
    return Source(authority=str(value["authority"]).strip(),
                  document=str(value["document"]).strip(),
                  authority_en=english["authority_en"], document_en=english["document_en"])


def _checked(value: object, found: list[str]) -> date | None:
    if isinstance(value, str):
        with contextlib.suppress(ValueError):
            value = date.fromisoformat(value)
    if not isinstance(value, date):
        found.append("checked must be a date like 2026-11-29")
        return None
    if value > date.today():
        found.append(f"checked date {value} is in the future")
        return None
    return value


def _keywords(value: object, found: list[str]) -> tuple[str, ...]:
    if value is None:
        return ()
    # YAML reads 12315 or 110 as numbers; a keyword is its text either way.
    if not isinstance(value, list) or not all(
        _text(item) or (isinstance(item, int) and not isinstance(item, bool)) for item in value
    ):
        found.append("keywords must be a list of words")
        return ()
    return tuple(str(item).strip() for item in value)
