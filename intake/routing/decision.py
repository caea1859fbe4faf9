"""What the router decides, with the evidence a person can read."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from intake.bureaus import bureau_name


@dataclass(frozen=True)
class Evidence:
    """One matched keyword: which rule, which clause of the plan, and the text it matched."""

    rule: str
    clause: str
    keyword: str
    matched: str

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
        """What a reporter is shown: the first ``limit`` words matched, each with its clauses.

        One word often fires several rules (川菜馆: catering, and illness after eating out);
        listed once per rule it would fill the short list with one word. The order is the
        evidence's, so the leading bureau's words come first.
        """
        clauses: dict[str, list[str]] = {}
        for item in self.evidence:
            cited = clauses.setdefault(item.matched, [])
            if item.clause not in cited:
                cited.append(item.clause)
        return tuple(Reason(word, tuple(cited)) for word, cited in clauses.items())[:limit]

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
