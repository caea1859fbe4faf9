"""Measuring the answering on a labelled question set (``foodsafe eval-faq``).

Top-1 counts a question only when it is *answered* with the expected entry (a decline is a
miss); top-3 asks whether the expected entry is among the three best ranked. Out-of-scope
questions must be declined. Labels naming an entry the base does not hold are reported and
left out rather than counted as failures of the search.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from pathlib import Path

from knowledge.faq.base import KnowledgeBase, Scoring, UnknownEntry
from knowledge.faq.entry import Entry
from knowledge.labelled import labelled_objects, string_field

OUT_OF_SCOPE = "out_of_scope"


@dataclass(frozen=True, slots=True)
class Labelled:
    """A question and the entry id that should answer it (or ``out_of_scope``)."""

    id: str
    question: str
    expected: str


def read_labelled(path: Path) -> list[Labelled]:
    """Lines ``{"id", "question", "expected"}`` of a JSONL file."""
    with path.open(encoding="utf-8") as lines:
        return [Labelled(id=str(data.get("id", number)),
                         question=string_field(data, "question", number),
                         expected=string_field(data, "expected", number))
                for number, data in labelled_objects(lines)]


@dataclass
class EvalResult:
    """Counts of a run, and a line per wrong answer."""

    in_scope: int = 0
    top1: int = 0
    top3: int = 0
    wrong_answers: int = 0
    out_of_scope: int = 0
    declined: int = 0
    unknown_labels: list[str] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)

    def metrics(self) -> dict[str, float | int]:
        """Rates in [0, 1] and the counts behind them."""
        return {
            "in_scope": self.in_scope,
            "top1": _rate(self.top1, self.in_scope),
            "top3": _rate(self.top3, self.in_scope),
            "wrong_answer_rate": _rate(self.wrong_answers, self.in_scope),
            "out_of_scope": self.out_of_scope,
            "out_of_scope_declined": _rate(self.declined, self.out_of_scope),
            "unknown_labels": len(self.unknown_labels),
        }

    def summary_lines(self) -> list[str]:
        """The metrics for a person."""
        m = self.metrics()
        lines = [
            f"in-scope questions: {m['in_scope']}",
            f"  top-1 (answered with the right entry): {m['top1']:.1%}",
            f"  top-3 (right entry among the 3 best):  {m['top3']:.1%}",
            f"  answered with a wrong entry:           {m['wrong_answer_rate']:.1%}",
            f"out-of-scope questions: {m['out_of_scope']}",
            f"  declined: {m['out_of_scope_declined']:.1%}",
        ]
        if self.unknown_labels:
            lines.append(f"skipped {len(self.unknown_labels)} labels naming no entry: "
                         + ", ".join(sorted(set(self.unknown_labels))[:20]))
        return lines


def _rate(part: int, whole: int) -> float:
    return part / whole if whole else 0.0


def evaluate(base: KnowledgeBase, items: list[Labelled]) -> EvalResult:
    """Answer every labelled question and count what went right."""
    result = EvalResult()
    for item in items:
        answer = base.answer(item.question)
        if item.expected == OUT_OF_SCOPE:
            result.out_of_scope += 1
            if not answer.answered:
                result.declined += 1
            else:
                result.failures.append(f"[{item.id}] out of scope but answered "
                                       f"{answer.entry_id} ({answer.score:.2f}): {item.question}")
            continue
        try:
            base.entry(item.expected)
        except UnknownEntry:
            result.unknown_labels.append(item.expected)
            continue
        result.in_scope += 1
        ranked = [r.entry.id for r in base.rank(item.question, 3)]
        if item.expected in ranked:
            result.top3 += 1
        if answer.answered and answer.entry_id == item.expected:
            result.top1 += 1
            continue
        if answer.answered:
            result.wrong_answers += 1
        got = answer.entry_id if answer.answered else f"declined, best {ranked[:1]}"
        result.failures.append(f"[{item.id}] expected {item.expected}, got {got} "
                               f"({answer.score:.2f}): {item.question}")
    return result


def held_out_phrasings(
    entries: list[Entry], *, folds: int = 4, scoring: Scoring | None = None, lang: str = "zh"
) -> EvalResult:
    """Ask every phrasing of the base with its fold of phrasings removed from the base.

    The phrasings were written by the entries' editors, not by whoever wrote a dev set, so
    this measures how the search generalises to wordings it has not seen: each fold removes
    every ``folds``-th phrasing of every entry, rebuilds the base and asks the removed ones.
    ``lang="en"`` does the same with the English phrasings (``phrasings_en``), by the same folds.
    """
    english = lang == "en"
    result = EvalResult()
    for fold in range(folds):
        reduced = []
        held: list[Labelled] = []
        for entry in entries:
            phrasings = entry.phrasings_en if english else entry.phrasings
            keep = tuple(p for i, p in enumerate(phrasings) if i % folds != fold)
            held += [Labelled(id=f"{entry.id}#en{i}" if english else f"{entry.id}#{i}",
                              question=p, expected=entry.id)
                     for i, p in enumerate(phrasings) if i % folds == fold]
            reduced.append(dataclasses.replace(entry, phrasings_en=keep) if english
                           else dataclasses.replace(entry, phrasings=keep))
        if not held:
            continue
        part = evaluate(KnowledgeBase(reduced, scoring=scoring), held)
        result.in_scope += part.in_scope
        result.top1 += part.top1
        result.top3 += part.top3
        result.wrong_answers += part.wrong_answers
        result.failures += part.failures
    return result
