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
class RoutingDecision:
    lead: str
    co: tuple[str, ...] = ()
    confidence: float = 0.0
    needs_review: bool = True
    evidence: tuple[Evidence, ...] = field(default_factory=tuple)

    @property
    def lead_name(self) -> str:
        return bureau_name(self.lead)

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
