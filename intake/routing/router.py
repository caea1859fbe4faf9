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
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from functools import cache, lru_cache

from intake.bureaus import COORDINATOR_BUREAU
from intake.routing.decision import Evidence, RoutingDecision
from intake.routing.matching import (
    EXACT,
    FUZZY,
    PINYIN,
    ExactIndex,
    Hit,
    build_surfaces,
    drop_contained,
)
from intake.routing.near import NearIndex
from intake.routing.negation import Negations, NegationsAfter
from intake.routing.pinyin import PinyinReader, written_for_reader
from intake.routing.ruleset import Rule, RuleSet, load_rules
from knowledge.text import (
    fold_dialect,
    normalize,
    normalize_each,
    not_pinyin,
    pinyin_table,
    synonyms,
    tokenizer,
    word_class,
)

# Below this a person checks the decision before a bureau acts on it.
REVIEW_BELOW = 0.55
# Near matches (homophones, typos) count for less than the word itself.
NEAR_MATCH_FACTOR = {EXACT: 1.0, PINYIN: 0.8, FUZZY: 0.75}
# A two-character homophone (过其 for 过期) is plausible but so is chance (家的 for 假的):
# it counts for half, so it needs other words to carry a decision.
SHORT_HOMOPHONE_FACTOR = 0.5
# A lead resting only on rules marked ``review`` (a food named at a place, no problem word).
GUESS_FACTOR = 0.6
# The roles whose words are read from toneless pinyin: what a rule is about, not its vetoes.
_READ_FROM_PINYIN = frozenset({"keyword", "strengthen", "group"})
# A rule's ``veto_except`` word must start within this many characters after the veto word.
VETO_EXCEPT_WINDOW = 4


def fold(text: str) -> str:
    """The router's reading of a text: normalised, then dialect function words folded
    (冇蓋章 reads as 没盖章, ``knowledge/lexicon/dialect.yaml``), in the text and in every
    rule word alike."""
    return fold_dialect()(normalize(text))


@dataclass(slots=True)
class _Score:
    """What one rule collected from the text; :meth:`finish` fixes its numbers once."""

    rule: Rule
    keywords: dict[str, tuple[float, Hit]] = field(default_factory=dict)
    groups: dict[int, Hit] = field(default_factory=dict)
    group_hits: dict[int, list[Hit]] = field(default_factory=dict)
    strengthen: dict[str, tuple[float, Hit]] = field(default_factory=dict)
    compound: bool = False
    base: float = 0.0

    def finish(self, text: str) -> _Score:
        self.compound = bool(self.rule.all_of) and len(self.groups) == len(self.rule.all_of)
        if self.compound and self.rule.all_of_within:
            self.compound = self._close_together(self.rule.all_of_within, text)
        self.base = sum(weight for weight, _ in self.keywords.values())
        if self.compound:
            self.base += self.rule.all_of_weight
        return self

    def _close_together(self, within: int, text: str) -> bool:
        """Some word of the first group has a word of every other group nearby; those
        words become the evidence."""
        first, *others = sorted(self.group_hits)
        for anchor in self.group_hits[first]:
            near = {first: anchor}
            for group in others:
                close = [hit for hit in self.group_hits[group]
                         if _gap(text, anchor, hit) <= within]
                if not close:
                    break
                near[group] = close[0]
            else:
                self.groups = near
                return True
        return False

    def hits(self) -> list[tuple[str, Hit, float]]:
        """(word, where, weight) of each keyword found, and of a compound's words (which
        share the compound's weight: 牛肉 and 苍蝇 count together, neither alone)."""
        found = [(word, hit, weight) for word, (weight, hit) in self.keywords.items()]
        if self.compound:
            share = self.rule.all_of_weight / len(self.groups)
            found += [(hit.surface, hit, share) for hit in self.groups.values()]
        return found


def _gap(text: str, one: Hit, other: Hit) -> int:
    """Characters between two hits, an English word counted as one and a half: "the meat inside is
    grey" is as close as "肉里面发灰", and a long word ("breakfast") no farther than a short
    one; a space nothing, other ASCII (commas) at a third."""
    start, end = min(one.end, other.end), max(one.start, other.start)
    if end <= start:
        return 0
    between = text[start:end]
    latin = sum(1 for char in between if char.isascii())
    if not latin:
        return len(between)
    words = _LATIN_WORD.findall(between)
    rest = latin - sum(map(len, words)) - between.count(" ")
    return len(between) - latin + -(-3 * len(words) // 2) + -(-rest // 3)


_LATIN_WORD = re.compile(r"[A-Za-z0-9']+")


@dataclass(slots=True)
class _Group:
    """One bureau at one precedence step: the rules that speak for it and their pooled score."""

    step: int
    lead: str
    defers: bool
    scores: list[_Score] = field(default_factory=list)
    total: float = 0.0

    def fires(self) -> bool:
        """At least one rule word of the bureau's own, and enough with its context words.

        Context ("strengthen") words pool across the bureau's rules, each word once: a
        place or a food says what a complaint is about, never that something is wrong.
        """
        base = sum(score.base for score in self.scores)
        if base <= 0:
            return False
        context: dict[str, float] = {}
        for score in self.scores:
            for word, (weight, _) in score.strengthen.items():
                context[word] = max(weight, context.get(word, 0.0))
        self.total = base + sum(context.values())
        thresholds = [score.rule.threshold for score in self.scores if score.base > 0]
        return self.total >= min(thresholds)

    def evidence(self) -> list[tuple[Rule, str, Hit, float]]:
        found = []
        seen: set[str] = set()
        for score in self.scores:
            if score.base > 0:
                found += [(score.rule, word, hit, weight) for word, hit, weight in score.hits()]
            for word, (weight, hit) in score.strengthen.items():
                if word not in seen:
                    seen.add(word)
                    found.append((score.rule, word, hit, weight))
        return sorted(found, key=lambda item: item[2].start)


def _confidence(score: float, contested: bool, near_only: bool) -> float:
    value = 1.0 - math.exp(-1.2 * score)
    if contested:
        value *= 0.8
    if near_only:
        value *= 0.85
    return max(0.0, min(1.0, value))


def _inside_own_keyword(hit: Hit, rule_id: str, hits: list[Hit]) -> bool:
    """A veto word inside a longer word of the same rule's own (衣服 in 外面的衣服) is that
    word, not the thing the veto is about."""
    return any(
        other.start <= hit.start and hit.end <= other.end
        and other.end - other.start > hit.end - hit.start
        and any(t.rule_id == rule_id and t.role == "keyword" for t in other.targets)
        for other in hits
    )


def _without(hit: Hit, rule_id: str) -> Hit:
    """The hit with one rule's targets removed (that rule's own negation cancelled it)."""
    targets = tuple(target for target in hit.targets if target.rule_id != rule_id)
    return Hit(hit.start, hit.end, hit.surface, hit.kind, targets)


class _Written:
    """Points a hit in the normalised text back at what the citizen typed (外賣 for 外卖)."""

    __slots__ = ("_folded", "dialect", "normalized", "text")

    def __init__(self, text: str, normalized: str, dialect: dict[int, str]) -> None:
        self.text = text
        self.normalized = normalized
        self.dialect = dialect
        self._folded: tuple[str, list[int]] | None = None

    def __call__(self, hit: Hit) -> str:
        part = self.normalized[hit.start:hit.end]
        if self.text == self.normalized or self.text.count(part) == self.normalized.count(part):
            return part  # written as found, every time it occurs: no need to map it back
        if self._folded is None:
            folded_text, origins = normalize_each(self.text)
            self._folded = folded_text.translate(self.dialect), origins
        folded, origins = self._folded
        position = -1
        for _ in range(self.normalized.count(part, 0, hit.start) + 1):
            position = folded.find(part, position + 1)
            if position < 0:
                return part
        return self.text[origins[position]: origins[position + len(part) - 1] + 1]


# Negation cues found in a text: shared cues' ends, clearing cues' starts, each rule's own.
_Cues = tuple[list[int], list[int], list[tuple[str, Negations, list[int]]]]


def _is_dictionary_word(word: str) -> bool:
    """Whether jieba's dictionary knows ``word``; jieba loads on the first question, which
    only a near match asks, so a process that routes starts without waiting for it."""
    return bool(tokenizer().FREQ.get(word))


class Router:
    """Applies one validated rule set; build it once (see :func:`default_router`)."""

    def __init__(self, ruleset: RuleSet) -> None:
        self.ruleset = ruleset
        self._rules = {rule.id: rule for rule in ruleset.rules}
        language = ruleset.language
        self._simile_before = tuple(fold(word) for word in language.simile_before)
        self._simile_after = tuple(fold(word) for word in language.simile_after)
        self._simile_window = language.simile_window
        surfaces = build_surfaces(ruleset, synonyms(), fold)
        self._index = ExactIndex(surfaces)
        exact_only = frozenset(
            fold(word) for rule in ruleset.rules for word in rule.exact_only
        )
        self._businesses = tuple(fold(word) for word in language.businesses)
        self._other_places = tuple(fold(word) for word in language.other_places)
        self._points_of_sale = tuple(fold(word) for word in language.points_of_sale)
        self._origins = tuple(fold(word) for word in language.origins)
        self._polluters = tuple(fold(word) for word in language.polluters)
        self._homemade = re.compile("|".join(re.escape(fold(word)) for word in language.homemade)
                                    or "(?!)")
        self._used_anyway = tuple(fold(word) for word in (*language.sold_anyway,
                                                          *language.second_matter))
        self._sold_anyway = tuple(fold(word) for word in (
            *language.homemade_unless, *language.points_of_sale, *language.businesses))
        # About food a household made, kept or gave, nobody sold it: the ``not_at_home``
        # rules (a business's matters) are silent, the other ``only_where_sold`` ones defer.
        self._at_home = {rule.id: None if rule.not_at_home else replace(rule, defers=True)
                         for rule in ruleset.rules if rule.only_where_sold or rule.not_at_home}
        # Foods by name: a veto word that shares characters with one reaching past it is
        # part of the food's name (包包 in 包包子 is 包子).
        self._foods = frozenset(fold(word) for word in word_class("foods"))
        # Each rule with an ``on_sale_lead``, as it reads when the food is told as on sale:
        # the seller's bureau leads, the rule's own cooperates.
        self._sold_rules = {
            rule.id: replace(rule, lead=rule.on_sale_lead,
                             co=(rule.lead, *(c for c in rule.co if c != rule.on_sale_lead)))
            for rule in ruleset.rules if rule.on_sale_lead
        }
        # Each rule with ``yields_to``, as it reads when one of those rules speaks: it defers.
        self._yielding = {
            rule.id: (replace(rule, defers=True), rule.yields_to)
            for rule in ruleset.rules if rule.yields_to
        }
        # Each rule with ``gives_way_to``, and the rules that silence it.
        self._giving_way = {rule.id: rule.gives_way_to for rule in ruleset.rules
                            if rule.gives_way_to}
        self._negations = Negations(language.negations, language.negation_window,
                                    language.not_negations)
        self._negations_after = NegationsAfter(language.negations_after)
        self._rule_negations = {
            rule.id: Negations(rule.negations, language.negation_window, language.not_negations)
            for rule in ruleset.rules if rule.negations
        }
        self._near = NearIndex(surfaces, table=pinyin_table(),
                               is_word=_is_dictionary_word, exact_only=exact_only)
        # Toneless pinyin ("jiu lou", "xiaomaibu") read as the keyword or context word it
        # spells, where no other rule word spells the same and it is no English word of theirs.
        # A Latin word of the rules that only spells words meaning the same (waimai, 外卖) is
        # read as them rather than kept as one rule's English word.
        meanings = {surface: {(target.rule_id, target.role, target.group) for target in targets}
                    for surface, targets in surfaces.items()}
        read_instead = written_for_reader(
            {surface: meaning for surface, meaning in meanings.items() if surface.isascii()},
            meanings, pinyin_table())
        latin = {surface for surface in surfaces if surface.isascii()} - read_instead
        self._pinyin = PinyinReader(
            surfaces,
            readable=(surface for surface, targets in surfaces.items()
                      if any(target.role in _READ_FROM_PINYIN for target in targets)),
            table=pinyin_table(),
            english={*not_pinyin(), *latin},
            preferred=(target.keyword for targets in surfaces.values() for target in targets),
            kept=latin)

    def find_hits(self, normalized: str) -> list[Hit]:
        """Every rule word present in already-normalised text, overlapping ones included."""
        exact = self._index.find(normalized)
        return (exact + self._near.pinyin_hits(normalized, exact)
                + self._near.fuzzy_hits(normalized, exact))

    def _cues(self, normalized: str) -> _Cues:
        """Where the negation cues of ``normalized`` are: the shared ones' ends, the clearing
        ones' starts, and each rule's own cues' ends (found once, asked twice)."""
        return (self._negations.ends(normalized), self._negations_after.starts(normalized),
                [(rule_id, negations, negations.ends(normalized))
                 for rule_id, negations in self._rule_negations.items()])

    def _negated(self, cues: _Cues, hits: list[Hit]) -> list[Hit]:
        """The hits left once negation cues (shared, then each rule's own) have spoken."""
        ends, starts, own = cues
        if ends:
            hits = [hit for hit in hits if not self._negations.negates(ends, hit)]
        if starts:
            hits = [hit for hit in hits if not self._negations_after.negates(starts, hit)]
        for rule_id, negations, rule_ends in own:
            if rule_ends:
                hits = [_without(hit, rule_id) if negations.negates(rule_ends, hit) else hit
                        for hit in hits]
        return [hit for hit in hits if hit.targets]

    def _in_simile(self, normalized: str, hit: Hit) -> bool:
        """The veto word is what the food is compared to (跟首饰盒一样)."""
        before = normalized[max(0, hit.start - 2):hit.start]
        if not any(cue in before for cue in self._simile_before):
            return False
        after = normalized[hit.end:hit.end + self._simile_window + 2]
        return any(0 <= after.find(word) <= self._simile_window for word in self._simile_after)

    def _in_food_name(self, hit: Hit, hits: list[Hit]) -> bool:
        """The veto word overlaps a food's name that reaches past it: 包包 (a bag) in
        包包子 is 包子 being made, 口红 in 进口红酒 is 红酒. A food inside the veto word (面 in
        面膜) leaves the veto standing."""
        foods = self._foods
        return any(
            other.surface in foods and other.start < hit.end and hit.start < other.end
            and (other.start < hit.start or other.end > hit.end)
            for other in hits
        )

    @staticmethod
    def _excepted(normalized: str, hit: Hit, rule: Rule) -> bool:
        """The veto word is followed closely by one of the rule's ``veto_except`` words."""
        after = normalized[hit.end:hit.end + VETO_EXCEPT_WINDOW + 2]
        return any(0 <= after.find(word) <= VETO_EXCEPT_WINDOW for word in rule.veto_except)

    def _scores(self, normalized: str, hits: list[Hit]) -> dict[str, _Score]:
        # Vetoes look at every word not negated, even inside a longer one: "大学" vetoes
        # the school rule inside "大学食堂"; "不是校外的" does not cancel a school canteen.
        cues = self._cues(normalized)
        spoken = self._negated(cues, hits)
        vetoed = {
            t.rule_id for hit in spoken for t in hit.targets
            if t.role == "veto" and not _inside_own_keyword(hit, t.rule_id, spoken)
            and not self._excepted(normalized, hit, self._rules[t.rule_id])
            and not self._in_simile(normalized, hit)
            and not self._in_food_name(hit, spoken)
        }
        unless = {t.rule_id for hit in spoken for t in hit.targets if t.role == "unless"}
        # Longest word first, then negation: "怕被老板打击报复" cancels 打击报复, and its
        # 报复 is gone with it rather than left behind.
        hits = self._negated(cues, drop_contained(hits))
        scores: dict[str, _Score] = {}
        for hit in hits:
            factor = NEAR_MATCH_FACTOR[hit.kind]
            if hit.kind == PINYIN and hit.end - hit.start == 2:
                factor = SHORT_HOMOPHONE_FACTOR
            short_near = hit.kind != EXACT and hit.end - hit.start < 3
            for target in hit.targets:
                if target.rule_id in vetoed or target.role in ("veto", "unless"):
                    continue
                if short_near and target.role != "keyword":
                    continue  # 板上 may sound like 班上, but context must be written out
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
                    score.groups.setdefault(target.group, hit)
                    score.group_hits.setdefault(target.group, []).append(hit)
        return {rule_id: score.finish(normalized) for rule_id, score in scores.items()}

    @staticmethod
    def _groups(scores: Iterable[_Score]) -> list[_Group]:
        groups: dict[tuple[int, str, bool], _Group] = {}
        for score in scores:
            key = (score.rule.step, score.rule.lead, score.rule.defers)
            groups.setdefault(key, _Group(*key)).scores.append(score)
        fired = [group for group in groups.values() if group.fires()]
        return sorted(fired, key=lambda group: (group.defers, group.step, -group.total))

    def _named(self, normalized: str, places: Iterable[str]) -> bool:
        """Whether one of ``places`` is named, and not as a piece of a longer word that names
        a place selling no food (``other_places``: 饲料店里 is inside a feed shop, 市场监管局
        is an office, 往外卖 is selling on). jieba's word boundaries were tried for this and
        read 集上去卖 as 集 / 上去, 牛肉面馆 as 牛肉面 / 馆: the longer words are listed."""
        if not any(word in normalized for word in places):
            return False
        others = _spans(normalized, self._other_places)
        if not others:
            return True
        for word in places:
            start = normalized.find(word)
            while start >= 0:
                end = start + len(word)
                if not any(low < end and start < high for low, high in others):
                    return True
                start = normalized.find(word, start + 1)
        return False

    def _on_sale(self, normalized: str) -> bool:
        """The food is told as found where it is sold, and no farm, pond or grower is named."""
        return (self._named(normalized, self._points_of_sale)
                and not any(word in normalized for word in self._origins))

    def _made_at_home(self, normalized: str) -> bool:
        """The food is told as made, picked or given at home, and nobody sold it."""
        return (self._homemade.search(normalized) is not None
                and not self._named(normalized, self._sold_anyway))

    def _polluter_named(self, normalized: str, scores: dict[str, _Score],
                        pollution_rules: tuple[str, ...]) -> bool:
        """One of ``pollution_rules`` fired and the text names an industrial polluter."""
        return any(
            rule_id in scores and scores[rule_id].base > 0 for rule_id in pollution_rules
        ) and any(word in normalized for word in self._polluters)

    def route(self, text: str) -> RoutingDecision:
        """The lead bureau, cooperating bureaus, confidence and the evidence for ``text``."""
        normalized = self._pinyin(fold(text))
        scores = self._scores(normalized, self.find_hits(normalized))
        if any(rule_id in scores for rule_id in self._sold_rules) and self._on_sale(normalized):
            for rule_id, rule in self._sold_rules.items():
                if rule_id in scores:
                    scores[rule_id].rule = rule
        if any(rule_id in scores for rule_id in self._at_home) and self._made_at_home(normalized):
            for rule_id, deferring in self._at_home.items():
                if deferring is None:
                    scores.pop(rule_id, None)
                elif rule_id in scores:
                    scores[rule_id].rule = deferring
        for rule_id, (rule, stronger) in self._yielding.items():
            if rule_id in scores and self._polluter_named(normalized, scores, stronger):
                scores[rule_id].rule = rule
        for rule_id, stronger in self._giving_way.items():
            if rule_id in scores and self._polluter_named(normalized, scores, stronger):
                del scores[rule_id]
        fired = self._groups(scores.values())
        if not fired:
            return RoutingDecision(lead=COORDINATOR_BUREAU, co=(), confidence=0.0,
                                   needs_review=True, evidence=())
        lead = fired[0].lead
        found = {id(group): group.evidence() for group in fired}
        confidence, guessed = _judge(fired, found)
        written = _Written(text, normalized, fold_dialect().table)
        evidence = tuple(
            Evidence(rule=rule.id, clause=rule.clause, keyword=word, matched=written(hit),
                     weight=weight, span=(hit.start, hit.end))
            for group in fired
            for rule, word, hit, weight in found[id(group)]
        )
        return RoutingDecision(
            lead=lead,
            co=_cooperating(fired, lambda: self._named(normalized, self._businesses),
                            lambda: any(word in normalized for word in self._used_anyway)),
            confidence=round(confidence, 4),
            needs_review=lead == COORDINATOR_BUREAU or guessed or confidence < REVIEW_BELOW,
            evidence=evidence,
        )


@lru_cache(maxsize=16)
def _spans(text: str, words: tuple[str, ...]) -> list[tuple[int, int]]:
    """Where each of ``words`` occurs in ``text``, as (start, end); one routing asks up to
    three times for the same text."""
    spans = []
    for word in words:
        start = text.find(word)
        while start >= 0:
            spans.append((start, start + len(word)))
            start = text.find(word, start + 1)
    return spans


def _cooperating(fired: list[_Group], sold: Callable[[], bool],
                 used_anyway: Callable[[], bool]) -> tuple[str, ...]:
    """The bureaus the leading rules name, then every other bureau that fired, in order.

    A bureau that fired only through ``only_where_sold`` rules (what is wrong with a food)
    cooperates only where ``sold()``: mould on a grain depot's grain is the depot's matter,
    not a second case for the market regulator; mouldy grain in a supermarket is both.
    区食安办 triages what nobody else takes; it never cooperates on a case a bureau leads.
    """
    first = fired[0]
    named = [code for score in first.scores if score.base > 0 for code in score.rule.co]
    where_sold = [code for score in first.scores if score.base > 0
                  for code in score.rule.co_where_sold]
    if where_sold and sold():
        named += where_sold
    # A street case's restaurant is where the fumes or the swill come from, not a sale; the
    # shop a cold-chain truck delivers to is where the load goes — unless it sold or used
    # the food anyway (照样卖).
    source = any(score.rule.source_not_sale for score in first.scores
                 if score.base > 0) and not used_anyway()
    others = [
        group.lead for group in fired[1:]
        if any(score.base > 0 and not score.rule.only_where_sold for score in group.scores)
        or (not source and sold())
    ]
    # A rule read as the seller's (``on_sale_lead``) still brings the producer's bureau when
    # another one leads: poisoned fish taken to market is police's, agriculture and samr help.
    others += [
        score.rule.co[0] for group in fired[1:] for score in group.scores
        if score.base > 0 and score.rule.on_sale_lead == score.rule.lead
    ]
    co: list[str] = []
    for code in (*named, *others):
        if code not in (first.lead, COORDINATOR_BUREAU) and code not in co:
            co.append(code)
    return tuple(co)


def _judge(
    fired: list[_Group], found: dict[int, list[tuple[Rule, str, Hit, float]]]
) -> tuple[float, bool]:
    """Confidence in the lead, and whether it rests only on rules that merely guess."""
    first = fired[0]
    contested = any(
        group.step == first.step and group.lead != first.lead and not group.defers
        for group in fired[1:]
    )
    backing = [group for group in fired if group.lead == first.lead]
    near_only = all(hit.kind != EXACT for group in backing for _, _, hit, _ in found[id(group)])
    confidence = _confidence(sum(group.total for group in backing), contested, near_only)
    guessed = all(score.rule.review for group in backing for score in group.scores
                  if score.base > 0)
    return (confidence * GUESS_FACTOR if guessed else confidence), guessed


@cache
def default_router() -> Router:
    """The router over the shipped rule files, built once per process."""
    return Router(load_rules())
