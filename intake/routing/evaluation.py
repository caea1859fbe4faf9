"""Measuring the router against labelled messages: lead accuracy, per-bureau precision and
recall, and the confusion matrix, so a rule change is judged by numbers, not impressions."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from intake.bureaus import BUREAUS
from intake.routing.decision import RoutingDecision
from intake.routing.router import Router
from knowledge.labelled import LabelledSetError, labelled_objects, string_field


@dataclass(frozen=True)
class Labelled:
    id: str
    text: str
    lead: str
    co: tuple[str, ...] = ()


@dataclass(frozen=True)
class Miss:
    item: Labelled
    decision: RoutingDecision


@dataclass
class Evaluation:
    total: int = 0
    correct: int = 0
    co_exact: int = 0
    confusion: Counter[tuple[str, str]] = field(default_factory=Counter)
    misses: list[Miss] = field(default_factory=list)

    @property
    def accuracy(self) -> float:
        return self.correct / self.total if self.total else 0.0

    def precision(self, code: str) -> float | None:
        predicted = sum(n for (_, got), n in self.confusion.items() if got == code)
        return self.confusion[(code, code)] / predicted if predicted else None

    def recall(self, code: str) -> float | None:
        expected = sum(n for (want, _), n in self.confusion.items() if want == code)
        return self.confusion[(code, code)] / expected if expected else None

    def support(self, code: str) -> int:
        return sum(n for (want, _), n in self.confusion.items() if want == code)


def read_labelled(path: Path) -> Iterator[Labelled]:
    """Labelled messages from a JSONL file ``{"id", "text", "lead", "co"?}``."""
    with path.open(encoding="utf-8") as lines:
        for number, data in labelled_objects(lines):
            co = data.get("co", ())
            if not isinstance(co, list | tuple):
                raise LabelledSetError(f"line {number}: 'co' must be a list")
            item = Labelled(id=str(data.get("id", number)),
                            text=string_field(data, "text", number),
                            lead=string_field(data, "lead", number), co=tuple(co))
            for code in (item.lead, *item.co):
                if code not in BUREAUS:
                    raise LabelledSetError(f"line {number}: unknown bureau {code!r}")
            yield item


def evaluate(router: Router, items: Iterable[Labelled]) -> Evaluation:
    """Route every message and compare the lead (and the cooperating set) with the label."""
    result = Evaluation()
    for item in items:
        decision = router.route(item.text)
        result.total += 1
        result.confusion[(item.lead, decision.lead)] += 1
        if decision.lead == item.lead:
            result.correct += 1
        else:
            result.misses.append(Miss(item, decision))
        if set(decision.co) == set(item.co):
            result.co_exact += 1
    return result


def format_report(result: Evaluation, *, show_misses: bool = True) -> str:
    """The evaluation as plain text for a terminal."""
    codes = [code for code in BUREAUS
             if result.support(code) or any(got == code for _, got in result.confusion)]
    lines = [
        f"messages: {result.total}",
        f"lead accuracy: {result.accuracy:.1%} ({result.correct}/{result.total})",
        f"cooperating bureaus exactly right: {result.co_exact / max(result.total, 1):.1%}",
        "",
        f"{'bureau':<10}{'precision':>10}{'recall':>8}{'support':>9}",
    ]
    for code in codes:
        precision, recall = result.precision(code), result.recall(code)
        lines.append(
            f"{code:<10}{'-' if precision is None else f'{precision:.1%}':>10}"
            f"{'-' if recall is None else f'{recall:.1%}':>8}{result.support(code):>9}"
        )
    lines += ["", "confusion (rows: labelled lead, columns: routed lead)",
              " " * 10 + "".join(f"{code[:8]:>9}" for code in codes)]
    for want in codes:
        cells = "".join(f"{result.confusion[(want, got)] or '.':>9}" for got in codes)
        lines.append(f"{want:<10}{cells}")
    if show_misses and result.misses:
        lines += ["", "misses:"]
        for miss in result.misses:
            lines.append(f"  {miss.item.id}: want {miss.item.lead}, got {miss.decision.lead}"
                         f" ({miss.decision.confidence:.2f}) {miss.item.text}")
    return "\n".join(lines)
