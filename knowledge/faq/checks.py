"""The checks behind ``foodsafe kb check``, beyond the schema the loader enforces.

The base must never hold two entries answering the same question, and every way an entry
says citizens ask must actually find that entry; both are checked against the real index.
"""

from __future__ import annotations

from rapidfuzz import fuzz, process

from knowledge.faq.base import KnowledgeBase
from knowledge.faq.english import default_english_words
from knowledge.faq.entry import Entry
from knowledge.faq.features import clean
from knowledge.faq.loading import Loaded, Problem
from knowledge.text import normalize

NEAR_DUPLICATE = 90.0


def check_loaded(loaded: Loaded, base: KnowledgeBase, *, strict: bool = False) -> list[Problem]:
    """Every problem: schema (from loading), near-duplicates, and phrasings that stray.

    ``strict`` asks each phrasing with its own copy held out of the base, which finds the
    phrasings that read more like another entry than like their own.
    """
    problems = list(loaded.problems)
    problems += near_duplicates(loaded.entries, where=loaded.files)
    problems += stray_phrasings(base, where=loaded.files, strict=strict)
    return problems


def _compact(text: str) -> str:
    return clean(normalize(text)).replace(" ", "")


def near_duplicates(entries: list[Entry], *, where: dict[str, str]) -> list[Problem]:
    """Questions or phrasings of two different entries that read (nearly) the same (in English:
    a phrasing with the same content words as another entry's English question or phrasing)."""
    owners: list[str] = []
    texts: list[str] = []
    for entry in entries:
        for text in entry.texts():
            owners.append(entry.id)
            texts.append(_compact(text))
    if not texts:
        return []
    scores = process.cdist(texts, texts, scorer=fuzz.ratio, score_cutoff=NEAR_DUPLICATE,
                           workers=1)
    problems = _same_english_words(entries, where=where)
    reported: set[tuple[str, str]] = set()
    for i, j in zip(*scores.nonzero(), strict=True):
        a, b = owners[i], owners[j]
        if i >= j or a == b or (a, b) in reported:
            continue
        reported.add((a, b))
        problems.append(Problem(
            where.get(a, "?"), a,
            f"asks the same question as {b}: {texts[i]!r} ≈ {texts[j]!r}; "
            "merge the entries or make the wording distinct",
        ))
    return problems


def _same_english_words(entries: list[Entry], *, where: dict[str, str]) -> list[Problem]:
    """English phrasings with the same content words (as the English index reads them) as an
    English question or phrasing of another entry: letter by letter, salt and sugar are near."""
    words = default_english_words()
    owners: dict[frozenset[str], dict[str, str]] = {}  # content words → entry id → its text
    for entry in entries:
        for text in entry.texts_en():
            owners.setdefault(frozenset(words.terms(text)), {}).setdefault(entry.id, text)
    problems = []
    for entry in entries:
        for text in entry.phrasings_en:
            terms = frozenset(words.terms(text))
            others = {key: value for key, value in owners.get(terms, {}).items()
                      if key != entry.id}
            if terms and others:
                other, said = min(others.items())
                problems.append(Problem(
                    where.get(entry.id, "?"), entry.id,
                    f"asks the same question as {other}: {text!r} ≈ {said!r}; "
                    "make the wording distinct"))
    return problems


def stray_phrasings(
    base: KnowledgeBase, *, where: dict[str, str], strict: bool = False
) -> list[Problem]:
    """Questions and phrasings (English ones too) whose best match is another entry, or that
    are not answered.

    Strictly, each text is held out of the re-rank while it is asked: a phrasing is then only
    found if the rest of its entry, not its own copy, draws it home.
    """
    problems = []
    for entry in base.entries():
        # an English phrasing is asked as it stands (its words are in the English index either way)
        asked = [(text, text if strict else None) for text in entry.texts()]
        asked += [(text, None) for text in entry.phrasings_en]
        for text, hold_out in asked:
            ranked = base.rank(text, 1, hold_out=hold_out)
            if not ranked:
                problems.append(Problem(where.get(entry.id, "?"), entry.id,
                                        f"{text!r} has no searchable words"))
            elif ranked[0].entry.id != entry.id:
                problems.append(Problem(
                    where.get(entry.id, "?"), entry.id,
                    f"{text!r} finds {ranked[0].entry.id} instead; make it more distinctive",
                ))
    return problems
