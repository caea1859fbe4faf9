"""The router: free text in, a :class:`RoutingDecision` out, explained by the plan's clauses.

Rules (``intake/routing/rules/*.yaml``) say which words reveal which responsibility; routing.md's
precedence (the ``step`` of each rule) decides which bureau leads when several fit, and the
others cooperate. Nothing matched, or too little evidence, goes to 区食安办 for a person.

Evidence adds up per bureau and step: "烤鱼" (a dish) and "臭的" (spoiled) each say little,
together they are a complaint about a food business. A rule's own words add up first; the
rules of one bureau at one step then pool their scores before the threshold is applied.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache

from intake.bureaus import COORDINATOR_BUREAU
from intake.routing.decision import Evidence, RoutingDecision
from intake.routing.matching import (
    EXACT,
    FUZZY,
    PINYIN,
    ExactIndex,
    Hit,
    NearIndex,
    build_surfaces,
    drop_contained,
    negated,
)
from intake.routing.ruleset import Rule, RuleSet, load_rules
from knowledge.text import normalize, original_span, synonyms, tokenizer

# Below this a person checks the decision before a bureau acts on it.
REVIEW_BELOW = 0.55
# Near matches (homophones, typos) count for less than the word itself.
NEAR_MATCH_FACTOR = {EXACT: 1.0, PINYIN: 0.8, FUZZY: 0.75}


@dataclass
class _Score:
    """What one rule collected from the text."""

    rule: Rule
    keywords: dict[str, tuple[float, Hit]] = field(default_factory=dict)
    groups: dict[int, Hit] = field(default_factory=dict)
    strengthen: dict[str, tuple[float, Hit]] = field(default_factory=dict)

    def compound(self) -> bool:
        return bool(self.rule.all_of) and len(self.groups) == len(self.rule.all_of)

    def base(self) -> float:
        score = sum(weight for weight, _ in self.keywords.values())
        return score + (self.rule.all_of_weight if self.compound() else 0.0)

    def total(self) -> float:
        """The rule's own words, plus its strengthening words once it has any of its own."""
        base = self.base()
        if base <= 0:
            return 0.0
        return base + sum(weight for weight, _ in self.strengthen.values())

    def hits(self) -> list[tuple[str, Hit]]:
        found = [(word, hit) for word, (_, hit) in self.keywords.items()]
        if self.compound():
            found += [(hit.surface, hit) for hit in self.groups.values()]
        return sorted(found, key=lambda pair: pair[1].start)


@dataclass
class _Group:
    """One bureau at one precedence step: the rules that speak for it and their pooled score."""

    step: int
    lead: str
    defers: bool
    scores: list[_Score] = field(default_factory=list)

    def total(self) -> float:
        return sum(score.total() for score in self.scores)

    def fires(self) -> bool:
        thresholds = [score.rule.threshold for score in self.scores if score.base() > 0]
        return bool(thresholds) and self.total() >= min(thresholds)

    def evidence(self) -> list[tuple[Rule, str, Hit]]:
        found = []
        for score in self.scores:
            if score.base() > 0:
                found += [(score.rule, word, hit) for word, hit in score.hits()]
                found += [(score.rule, word, hit) for word, (_, hit) in score.strengthen.items()]
        return sorted(found, key=lambda item: item[2].start)


def _confidence(score: float, contested: bool, near_only: bool) -> float:
    value = 1.0 - math.exp(-1.2 * score)
    if contested:
        value *= 0.8
    if near_only:
        value *= 0.85
    return max(0.0, min(1.0, value))


def _as_written(text: str, normalized: str, hit: Hit) -> str:
    """What the citizen typed for this hit (外賣 for 外卖), or the normalised form."""
    part = normalized[hit.start:hit.end]
    occurrence = normalized.count(part, 0, hit.start) if part else 0
    return original_span(text, part, occurrence) or part


class Router:
    """Applies one validated rule set; build it once (see :func:`default_router`)."""

    def __init__(self, ruleset: RuleSet) -> None:
        self.ruleset = ruleset
        self._rules = {rule.id: rule for rule in ruleset.rules}
        surfaces = build_surfaces(ruleset, synonyms(), normalize)
        self._index = ExactIndex(surfaces)
        words = tokenizer().FREQ
        exact_only = frozenset(
            normalize(word) for rule in ruleset.rules for word in rule.exact_only
        )
        self._near = NearIndex(surfaces, is_word=lambda word: bool(words.get(word)),
                               exact_only=exact_only)

    def find_hits(self, normalized: str) -> list[Hit]:
        """Every rule word present in already-normalised text, negated ones removed."""
        language = self.ruleset.language
        hits = (self._index.find(normalized) + self._near.pinyin_hits(normalized)
                + self._near.fuzzy_hits(normalized))
        return [
            hit for hit in hits
            if not negated(normalized, hit, language.negations, language.negation_window)
        ]

    def _scores(self, hits: list[Hit]) -> dict[str, _Score]:
        # Vetoes look at every hit: "大学" vetoes the school rule even inside "大学食堂".
        vetoed = {t.rule_id for hit in hits for t in hit.targets if t.role == "veto"}
        unless = {t.rule_id for hit in hits for t in hit.targets if t.role == "unless"}
        scores: dict[str, _Score] = {}
        for hit in drop_contained(hits):
            factor = NEAR_MATCH_FACTOR[hit.kind]
            for target in hit.targets:
                if target.rule_id in vetoed or target.role in ("veto", "unless"):
                    continue
                score = scores.get(target.rule_id)
                if score is None:
                    score = scores[target.rule_id] = _Score(self._rules[target.rule_id])
                weight = target.weight * factor
                if target.role == "keyword":
                    if weight > score.keywords.get(target.keyword, (0.0, hit))[0]:
                        score.keywords[target.keyword] = (weight, hit)
                elif target.role == "strengthen":
                    score.strengthen[target.keyword] = (weight, hit)
                elif target.rule_id not in unless:
                    score.groups.setdefault(int(target.role.split(":")[1]), hit)
        return scores

    @staticmethod
    def _groups(scores: Iterable[_Score]) -> list[_Group]:
        groups: dict[tuple[int, str, bool], _Group] = {}
        for score in scores:
            key = (score.rule.step, score.rule.lead, score.rule.defers)
            groups.setdefault(key, _Group(*key)).scores.append(score)
        fired = [group for group in groups.values() if group.fires()]
        return sorted(fired, key=lambda group: (group.defers, group.step, -group.total()))

    def route(self, text: str) -> RoutingDecision:
        """The lead bureau, cooperating bureaus, confidence and the evidence for ``text``."""
        normalized = normalize(text)
        fired = self._groups(self._scores(self.find_hits(normalized)).values())
        if not fired:
            return RoutingDecision(lead=COORDINATOR_BUREAU, co=(), confidence=0.0,
                                   needs_review=True, evidence=())
        first = fired[0]
        lead = first.lead
        co: list[str] = []
        named = [code for score in first.scores if score.base() > 0 for code in score.rule.co]
        for code in (*named, *(group.lead for group in fired[1:])):
            if code != lead and code not in co:
                co.append(code)
        contested = any(
            group.step == first.step and group.lead != lead and not group.defers
            for group in fired[1:]
        )
        backing = [group for group in fired if group.lead == lead]
        near_only = all(hit.kind != EXACT for group in backing for _, _, hit in group.evidence())
        confidence = _confidence(sum(group.total() for group in backing), contested, near_only)
        evidence = tuple(
            Evidence(rule=rule.id, clause=rule.clause, keyword=word,
                     matched=_as_written(text, normalized, hit))
            for group in fired
            for rule, word, hit in group.evidence()
        )
        return RoutingDecision(
            lead=lead,
            co=tuple(co),
            confidence=round(confidence, 4),
            needs_review=lead == COORDINATOR_BUREAU or confidence < REVIEW_BELOW,
            evidence=evidence,
        )


@cache
def default_router() -> Router:
    """The router over the shipped rule files, built once per process."""
    return Router(load_rules())
