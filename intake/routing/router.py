"""The router: free text in, a :class:`RoutingDecision` out, explained by the plan's clauses.

Rules (``intake/routing/rules/*.yaml``) say which words reveal which responsibility; routing.md's
precedence (the ``step`` of each rule) decides which bureau leads when several fit, and the
others cooperate. Nothing matched, or too little evidence, goes to 区食安办 for a person.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache

from intake.bureaus import COORDINATOR_BUREAU
from intake.routing.decision import Evidence, RoutingDecision
from intake.routing.matching import EXACT, ExactIndex, Hit, build_surfaces, drop_contained, negated
from intake.routing.ruleset import Rule, RuleSet, load_rules
from knowledge.text import normalize, synonyms

# Below this a person checks the decision before a bureau acts on it.
REVIEW_BELOW = 0.55
# Near matches (homophones, typos) count for less than the word itself.
NEAR_MATCH_FACTOR = {EXACT: 1.0, "pinyin": 0.8, "fuzzy": 0.75}


@dataclass
class _Score:
    """What one rule collected from the text."""

    rule: Rule
    keywords: dict[str, tuple[float, Hit]] = field(default_factory=dict)
    groups: dict[int, Hit] = field(default_factory=dict)
    strengthen: dict[str, tuple[float, Hit]] = field(default_factory=dict)
    vetoed: bool = False

    def total(self) -> float:
        score = sum(weight for weight, _ in self.keywords.values())
        if self.rule.all_of and len(self.groups) == len(self.rule.all_of):
            score += self.rule.all_of_weight
        if score > 0:
            score += sum(weight for weight, _ in self.strengthen.values())
        return score

    def hits(self) -> list[tuple[str, Hit]]:
        found = [(word, hit) for word, (_, hit) in self.keywords.items()]
        if self.rule.all_of and len(self.groups) == len(self.rule.all_of):
            found += [(hit.surface, hit) for hit in self.groups.values()]
        if self.keywords or found:
            found += [(word, hit) for word, (_, hit) in self.strengthen.items()]
        return sorted(found, key=lambda pair: pair[1].start)


def _confidence(score: float, contested: bool, near_only: bool) -> float:
    value = 1.0 - math.exp(-1.2 * score)
    if contested:
        value *= 0.8
    if near_only:
        value *= 0.85
    return max(0.0, min(1.0, value))


class Router:
    """Applies one validated rule set; build it once (see :func:`default_router`)."""

    def __init__(self, ruleset: RuleSet) -> None:
        self.ruleset = ruleset
        self._rules = {rule.id: rule for rule in ruleset.rules}
        self._index = ExactIndex(build_surfaces(ruleset, synonyms(), normalize))

    def find_hits(self, normalized: str) -> list[Hit]:
        """The rule words present in already-normalised text, negated ones removed."""
        language = self.ruleset.language
        hits = drop_contained(self._index.find(normalized))
        return [
            hit for hit in hits
            if not negated(normalized, hit, language.negations, language.negation_window)
        ]

    def _scores(self, hits: Iterable[Hit]) -> dict[str, _Score]:
        scores: dict[str, _Score] = {}
        for hit in hits:
            factor = NEAR_MATCH_FACTOR[hit.kind]
            for target in hit.targets:
                score = scores.get(target.rule_id)
                if score is None:
                    score = scores[target.rule_id] = _Score(self._rules[target.rule_id])
                weight = target.weight * factor
                if target.role == "veto":
                    score.vetoed = True
                elif target.role == "keyword":
                    if weight > score.keywords.get(target.keyword, (0.0, hit))[0]:
                        score.keywords[target.keyword] = (weight, hit)
                elif target.role == "strengthen":
                    score.strengthen[target.keyword] = (weight, hit)
                else:
                    score.groups.setdefault(int(target.role.split(":")[1]), hit)
        return scores

    def route(self, text: str) -> RoutingDecision:
        """The lead bureau, cooperating bureaus, confidence and the evidence for ``text``."""
        normalized = normalize(text)
        scores = self._scores(self.find_hits(normalized))
        fired = [
            score for score in scores.values()
            if not score.vetoed and score.total() >= score.rule.threshold
        ]
        if not fired:
            return RoutingDecision(lead=COORDINATOR_BUREAU, co=(), confidence=0.0,
                                   needs_review=True, evidence=())
        fired.sort(key=lambda score: (score.rule.defers, score.rule.step, -score.total(),
                                      score.rule.id))
        first = fired[0]
        lead = first.rule.lead
        co: list[str] = []
        for code in (*first.rule.co, *(score.rule.lead for score in fired[1:])):
            if code != lead and code not in co:
                co.append(code)
        contested = any(
            score.rule.step == first.rule.step and score.rule.lead != lead for score in fired[1:]
        )
        near_only = all(hit.kind != EXACT for _, hit in first.hits())
        confidence = _confidence(first.total(), contested, near_only)
        evidence = tuple(
            Evidence(rule=score.rule.id, clause=score.rule.clause, keyword=word,
                     matched=normalized[hit.start:hit.end])
            for score in fired
            for word, hit in score.hits()
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
