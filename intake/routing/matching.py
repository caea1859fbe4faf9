"""Finding the rules' words in normalised text: exact, homophone (pinyin) and typo (fuzzy).

Each surface form (a keyword or one of its synonyms) is indexed by its first character so
that one pass over the text finds every occurrence, overlapping ones included, in a few
microseconds. Homophones and typos are looked for only where no exact word already matched,
and only for keywords long enough that a near match is still meaningful.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from intake.routing.ruleset import Rule, RuleSet

EXACT = "exact"
PINYIN = "pinyin"
FUZZY = "fuzzy"


@dataclass(frozen=True)
class Target:
    """What a surface form means for one rule: which keyword, which role, what weight."""

    rule_id: str
    keyword: str
    role: str  # "keyword", "strengthen", "veto" or "group:<n>"
    weight: float


@dataclass(frozen=True)
class Hit:
    """One occurrence of a surface form in the normalised text."""

    start: int
    end: int
    surface: str
    kind: str
    targets: tuple[Target, ...]


def _targets_of(rule: Rule) -> Iterable[tuple[str, Target]]:
    for word, weight in rule.keywords.items():
        yield word, Target(rule.id, word, "keyword", weight)
    for word, weight in rule.strengthen.items():
        yield word, Target(rule.id, word, "strengthen", weight)
    for word in rule.veto:
        yield word, Target(rule.id, word, "veto", 0.0)
    for index, group in enumerate(rule.all_of):
        for word in group:
            yield word, Target(rule.id, word, f"group:{index}", rule.all_of_weight)


class ExactIndex:
    """Every surface form of every rule, found by one scan of the text."""

    def __init__(self, surfaces: Mapping[str, tuple[Target, ...]]) -> None:
        self.surfaces = dict(surfaces)
        by_first: dict[str, list[str]] = {}
        for surface in self.surfaces:
            by_first.setdefault(surface[0], []).append(surface)
        self._by_first = {
            first: tuple(sorted(words, key=len, reverse=True)) for first, words in by_first.items()
        }

    def find(self, text: str) -> list[Hit]:
        """Every occurrence, overlapping ones included, in text order."""
        hits: list[Hit] = []
        by_first = self._by_first
        for index, char in enumerate(text):
            words = by_first.get(char)
            if words is None:
                continue
            for word in words:
                if text.startswith(word, index):
                    hits.append(Hit(index, index + len(word), word, EXACT, self.surfaces[word]))
        return hits


def build_surfaces(
    ruleset: RuleSet, synonyms: Mapping[str, tuple[str, ...]], normalize: callable  # type: ignore[valid-type]
) -> dict[str, tuple[Target, ...]]:
    """Surface form -> targets: each rule word and each synonym of it, normalised."""
    table: dict[str, list[Target]] = {}
    for rule in ruleset.rules:
        for word, target in _targets_of(rule):
            forms = {word, *synonyms.get(word, ())}
            for form in forms:
                surface = normalize(form)
                if surface:
                    table.setdefault(surface, []).append(target)
    return {surface: tuple(targets) for surface, targets in table.items()}


def drop_contained(hits: list[Hit]) -> list[Hit]:
    """Hits not strictly inside a longer hit: '学校食堂' wins over its '食堂'."""
    kept = []
    for hit in hits:
        inside = any(
            other is not hit
            and other.start <= hit.start
            and hit.end <= other.end
            and (other.end - other.start) > (hit.end - hit.start)
            for other in hits
        )
        if not inside:
            kept.append(hit)
    return kept


def negated(text: str, hit: Hit, negations: tuple[str, ...], window: int) -> bool:
    """True when a negation cue ends at most ``window`` characters before the hit."""
    if not negations:
        return False
    longest = max(map(len, negations))
    before = text[max(0, hit.start - window - longest): hit.start]
    for cue in negations:
        position = before.rfind(cue)
        if position >= 0 and len(before) - (position + len(cue)) <= window:
            return True
    return False
