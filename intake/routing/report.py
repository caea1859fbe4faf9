"""What staff transfers teach about the rules: which rules are overridden most, and the
words that came with those overrides, so a reviewer improves the rules from real traffic.

Only the stored features of a transfer are read (the router's rules and keywords, and the
text's content tokens); the report never reads case text or anything about the reporter.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from intake.models import RoutingOverride

NO_RULE = "(no rule)"


@dataclass
class RuleOverrides:
    """Transfers away from the decision one rule took part in."""

    rule: str
    count: int = 0
    transfers: Counter[tuple[str, str]] = field(default_factory=Counter)
    words: Counter[str] = field(default_factory=Counter)

    def to_json(self, top: int) -> dict[str, Any]:
        return {
            "rule": self.rule,
            "count": self.count,
            "transfers": [{"from": old, "to": new, "count": n}
                          for (old, new), n in self.transfers.most_common(top)],
            "words": [{"word": word, "count": n} for word, n in self.words.most_common(top)],
        }


@dataclass
class RoutingReport:
    total: int
    rules: list[RuleOverrides]
    # Words that came with transfers to each bureau: candidates for that bureau's rules.
    words_by_destination: dict[str, Counter[str]]

    def to_json(self, top: int = 10) -> dict[str, Any]:
        return {
            "total": self.total,
            "rules": [rule.to_json(top) for rule in self.rules],
            "words_by_destination": {
                bureau: [{"word": w, "count": n} for w, n in words.most_common(top)]
                for bureau, words in self.words_by_destination.items()
            },
        }


def _strings(value: Any) -> list[str]:
    if not isinstance(value, list):
        return []
    return [item for item in value if isinstance(item, str)]


def routing_report(session: Session, *, since: datetime | None = None) -> RoutingReport:
    """Overrides grouped by the rules that fired, most overridden first."""
    query = select(RoutingOverride.from_bureau, RoutingOverride.to_bureau,
                   RoutingOverride.features)
    if since is not None:
        query = query.where(RoutingOverride.created_at >= since)
    by_rule: dict[str, RuleOverrides] = {}
    by_destination: dict[str, Counter[str]] = {}
    total = 0
    for old, new, features in session.execute(query):
        total += 1
        features = features if isinstance(features, dict) else {}
        matched = set(_strings(features.get("keywords")))
        # The words the rules did not already know are the ones worth a reviewer's look.
        fresh = [token for token in _strings(features.get("tokens")) if token not in matched]
        by_destination.setdefault(new, Counter()).update(fresh)
        for rule in _strings(features.get("rules")) or [NO_RULE]:
            entry = by_rule.setdefault(rule, RuleOverrides(rule))
            entry.count += 1
            entry.transfers[(old, new)] += 1
            entry.words.update(fresh)
    rules = sorted(by_rule.values(), key=lambda entry: (-entry.count, entry.rule))
    return RoutingReport(total=total, rules=rules, words_by_destination=by_destination)


def format_routing_report(report: RoutingReport, *, top: int = 10) -> str:
    """The report as text for a reviewer (Chinese labels, codes as stored)."""
    if not report.total:
        return "没有转办记录 / no transfers recorded yet"
    lines = [f"转办总数 / transfers: {report.total}", "",
             "最常被改派的规则 / rules most often overridden:"]
    for entry in report.rules:
        moves = "，".join(f"{old}→{new} ×{n}" for (old, new), n in
                         entry.transfers.most_common(top))
        words = "、".join(f"{word}({n})" for word, n in entry.words.most_common(top))
        lines.append(f"  {entry.rule}: {entry.count} 次 ({moves})")
        if words:
            lines.append(f"    同时出现的词 / words with them: {words}")
    lines += ["", "转入各单位时出现的词 / words that came with transfers to each bureau:"]
    for bureau, counts in sorted(report.words_by_destination.items()):
        listed = "、".join(f"{word}({n})" for word, n in counts.most_common(top))
        lines.append(f"  {bureau}: {listed or '-'}")
    return "\n".join(lines)
