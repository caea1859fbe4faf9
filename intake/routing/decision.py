"""What the router decides, with the evidence a person can read."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from intake.bureaus import bureau_name

# A keyword that counts less than this only adds to stronger words (a food named in passing).
WEAK = 0.25


@dataclass(frozen=True, slots=True)
class Evidence:
    """One matched keyword: which rule, which clause of the plan, and the text it matched."""

    rule: str
    clause: str
    keyword: str
    matched: str
    # How much the word counted for its rule, and where it was read (in the normalised
    # text): they choose what a reporter is shown, and are no part of the public JSON nor of
    # equality (a decision read back from JSON has neither).
    weight: float = field(default=0.0, compare=False)
    span: tuple[int, int] = field(default=(0, 0), compare=False)

    def to_json(self) -> dict[str, str]:
        return {"rule": self.rule, "clause": self.clause, "keyword": self.keyword,
                "matched": self.matched}


@dataclass(frozen=True)
class Reason:
    """A word of the reporter's and the clauses of the plan it was routed by."""

    matched: str
    clauses: tuple[str, ...]


@dataclass(frozen=True)
class RoutingDecision:
    lead: str
    co: tuple[str, ...] = ()
    confidence: float = 0.0
    needs_review: bool = True
    evidence: tuple[Evidence, ...] = field(default_factory=tuple)

    @property
    def lead_name(self) -> str:
        return bureau_name(self.lead)

    def reasons(self, limit: int = 3) -> tuple[Reason, ...]:
        """What a reporter is shown: the ``limit`` words that counted most, each with its clauses.

        One word often fires several rules (川菜馆: catering, and illness after eating out);
        listed once per rule it would fill the short list with one word. The evidence runs
        in the order of the text, where the food named in passing (牛肉, 面) comes before what
        was wrong with it (苍蝇): the words are ranked by the most any of them counted, the
        text's order breaking ties. A word read where one already shown was (学校 inside
        学校食堂, 虫子 across 有虫) is left out, and so is a food named in passing (菜, 面: it
        counts under ``WEAK``) beside a word that counted more.
        """
        clauses: dict[str, list[str]] = {}
        counted: dict[str, float] = {}
        spans: dict[str, set[tuple[int, int]]] = {}
        for item in self.evidence:
            cited = clauses.setdefault(item.matched, [])
            if item.clause not in cited:
                cited.append(item.clause)
            counted[item.matched] = max(counted.get(item.matched, 0.0), item.weight)
            spans.setdefault(item.matched, set()).add(item.span)
        shown: list[str] = []
        taken: set[tuple[int, int]] = set()
        strongest = max(counted.values(), default=0.0)
        for word in sorted(clauses, key=lambda word: -counted[word]):
            if counted[word] < WEAK <= strongest:
                break
            if not _overlapping(spans[word], taken):
                shown.append(word)
                taken |= spans[word]
        return tuple(Reason(word, tuple(clauses[word])) for word in shown[:limit])

    def to_json(self) -> dict[str, Any]:
        """The public JSON shape of `foodsafe classify --jsonl` (without the id)."""
        return {
            "lead": self.lead,
            "lead_name": self.lead_name,
            "co": list(self.co),
            "confidence": round(self.confidence, 2),
            "needs_review": self.needs_review,
            "evidence": [e.to_json() for e in self.evidence],
        }


def _overlapping(spans: set[tuple[int, int]], taken: set[tuple[int, int]]) -> bool:
    """Whether any of ``spans`` shares a character with any of ``taken`` (read from JSON,
    every span is (0, 0) and none overlaps)."""
    return any(start < other_end and other_start < end
               for start, end in spans for other_start, other_end in taken)
