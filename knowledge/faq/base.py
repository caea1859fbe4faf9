"""The knowledge base: entries, their index, and the answering decision.

Retrieval is two stages. BM25 over the weighted features (:mod:`knowledge.faq.features`)
picks a short list of entries cheaply; each is then scored on how much of the question it
covers, how much of its closest phrasing the question covers (so a question buried in a long
message still scores), and a rapidfuzz similarity to that phrasing. The combined score is
calibrated on phrasings held out of the base and on out-of-scope questions: above
:attr:`Scoring.threshold` we answer, below it we decline and offer the closest questions.
"""

from __future__ import annotations

import logging
import re
from array import array
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache

import numpy as np
from rapidfuzz import fuzz

from knowledge.faq import messages
from knowledge.faq.answer import Answer, Suggestion
from knowledge.faq.english import EnglishIndex
from knowledge.faq.english import english_key as _english_key
from knowledge.faq.entry import Entry, Topic
from knowledge.faq.features import clean, extract, kind_weight
from knowledge.faq.index import Bm25Index
from knowledge.faq.loading import ENTRIES_DIR, load_directory
from knowledge.faq.loading import mostly_latin as _mostly_latin
from knowledge.faq.spelling import Speller, lexicon_words
from knowledge.faq.vocabulary import Vocabulary, default_vocabulary
from knowledge.text import normalize

log = logging.getLogger(__name__)
_CJK_CHAR = re.compile(r"[\u3400-\u9fff]")
_LATIN_WORD = re.compile(r"[A-Za-z0-9']+")

MAX_QUESTION_CHARS = 500
_QUERY_CACHE_LIMIT = 50_000
_SPELLER_ENTRIES = 5_000  # the curated base; generated bulk adds no spelling knowledge


class UnknownEntry(KeyError):
    """No entry has this id."""


@dataclass(frozen=True)
class Scoring:
    """The weights of the combined scores and the calibrated thresholds.

    Two combinations of the same signals: ``rank_*`` orders the candidates (BM25 relative to
    the best candidate helps choose among close entries), ``*`` without prefix is the
    absolute confidence compared with ``threshold`` (relative BM25 says nothing absolute),
    to which the best entry's lead over the runner-up adds. The weights and threshold were
    fitted on held-out phrasings of the real base (each entry asked with a quarter of its
    phrasings removed) and the out-of-scope questions of the development set.
    """

    candidates: int = 12
    request_candidates: int = 3
    answer_weight: float = 0.5
    answer_coverage: float = 0.5
    rank_question_coverage: float = 1.0
    rank_phrasing_coverage: float = 0.25
    rank_similarity: float = 0.5
    rank_bm25: float = 3.0
    question_coverage: float = 0.5
    phrasing_coverage: float = 0.125
    similarity: float = 0.25
    margin: float = 0.125
    threshold: float = 0.28
    min_information: float = 6.0
    off_topic_margin: float = 0.26
    other_intent_margin: float = 0.6
    mismatch_penalty: float = 0.1
    request_weight: float = 0.4
    incident_weight: float = 0.4
    asking_clause_weight: float = 0.3
    no_food_margin: float = 0.12
    no_concern_margin: float = 0.08
    torn_margin: float = 0.06
    torn_lead: float = 0.1
    side_lead: float = 0.4
    suggestion_floor: float = 0.22
    english_margin: float = 0.04
    statement_margin: float = 0.2
    suggestions: int = 3


@dataclass(frozen=True, slots=True)
class Ranked:
    """An entry, its confidence for one question, and the key it was ranked by."""

    entry: Entry
    score: float
    rank_key: float = 0.0
    # the question names neither side of a facet (投诉, 举报) and this entry, about one side, is
    # closely followed by the next, about the other: it does not say which of the two it asks
    open_side: bool = False


@dataclass(frozen=True, slots=True)
class _Text:
    """A question as matched: its compact form and feature counts."""

    compact: str
    features: Counter[str]


@dataclass(frozen=True, slots=True)
class _EntryTexts:
    """An entry's question and phrasings as the re-rank needs them, kept compact.

    Feature ids in ``array('i')`` rather than sets of strings: at 100,000 entries this is
    what lets every entry stay ready for the re-rank without recomputing jieba.
    """

    compacts: tuple[str, ...]
    features: tuple[array[int], ...]
    keywords: array[int]
    answer: array[int]
    named: frozenset[str] = frozenset()


class KnowledgeBase:
    """Curated entries and the search that finds the right one however it is asked."""

    def __init__(
        self,
        entries: Iterable[Entry],
        *,
        topics: Sequence[Topic] = (),
        vocabulary: Vocabulary | None = None,
        scoring: Scoring | None = None,
    ) -> None:
        self._entries = list(entries)
        self._by_id = {entry.id: entry for entry in self._entries}
        self._topics = list(topics)
        self._vocabulary = vocabulary or default_vocabulary()
        self.scoring = scoring or Scoring()
        self._texts: dict[str, _Text] = {}
        self._scope_texts: dict[str, str] = {}
        self._subjects: dict[str, tuple[str, frozenset[str]]] = {}
        self._feature_ids: dict[str, int] = {}
        self._kinds: list[float] = []
        self._prepared: list[_EntryTexts] = []
        self._index = Bm25Index((self._document(entry) for entry in self._entries), self._kinds)
        self._weights = self._index.weights()
        # For each act a question can ask for (投诉, 赔偿, 第一时间), the entries that name it.
        self._naming = {
            term: np.fromiter((term in prepared.named for prepared in self._prepared),
                              dtype=np.bool_, count=len(self._prepared))
            for term in self._vocabulary.requests}
        # what each entry is about (its facet terms), by id, for the ranked entries
        self._named = {entry.id: prepared.named
                       for entry, prepared in zip(self._entries, self._prepared, strict=True)}
        self._speller = Speller(self._terms())
        self._english = EnglishIndex(self._entries)

    def __len__(self) -> int:
        return len(self._entries)

    # -- browsing ---------------------------------------------------------------------------

    def topics(self) -> list[Topic]:
        """The topic groups, in file order."""
        return list(self._topics)

    def entries_by_topic(self, topic: str) -> list[Entry]:
        """The entries of one topic, in file order."""
        return [entry for entry in self._entries if entry.topic == topic]

    def entry(self, entry_id: str) -> Entry:
        """The entry with this id; raises :class:`UnknownEntry`."""
        try:
            return self._by_id[entry_id]
        except KeyError:
            raise UnknownEntry(entry_id) from None

    def entries(self) -> list[Entry]:
        """Every entry, in file order."""
        return list(self._entries)

    # -- answering --------------------------------------------------------------------------

    def rank(
        self, question: str, limit: int | None = None, *, hold_out: str | None = None,
        read_english: bool = True,
    ) -> list[Ranked]:
        """The closest entries to ``question``, best first, with their combined scores.

        ``hold_out`` leaves one phrasing out of the re-rank, so a check can ask whether a
        phrasing would find its entry even if it were not itself in the base. A question in
        English is also read against the entries' English texts unless ``read_english`` is false.
        """
        return self._rank(question, limit, hold_out=hold_out, read_english=read_english)[0]

    def _rank(
        self, question: str, limit: int | None = None, *, hold_out: str | None = None,
        read_english: bool = True,
    ) -> tuple[list[Ranked], str]:
        """:meth:`rank`, and the question as the speller corrected it (低纳盐 → 低钠盐)."""
        spelled = self._speller.correct(normalize(question)[:MAX_QUESTION_CHARS])
        corrected = self._vocabulary.found_told_as(self._vocabulary.joined(spelled))
        # 我在面馆吃出苍蝇怎么办 asks for the complaint without naming it: asked as if it went on
        # with 怎么投诉 (`scope.yaml` found_request).
        implied = self._vocabulary.implied_request(corrected)
        if implied and not self._vocabulary.named_in(
                self._text(corrected).features) & self._vocabulary.requests:
            corrected = f"{self._vocabulary.without_found_ask(corrected)} {implied}"
        query = self._text(corrected)
        if not query.features:
            return [], spelled
        q_weights, information = self._query_weights(query)
        hits = self._index.search(q_weights, self.scoring.candidates)
        # A question in English is also read against the entries' English texts: its
        # candidates join the BM25 ones, and each entry's cover is the better of the two readings.
        english = _mostly_latin(query.compact)
        english_scores, english_information = (
            self._english_reading(corrected, hits) if english and read_english else ({}, 0.0))
        if not hits:
            return [], spelled
        asked = self._vocabulary.named_in(query.features)
        hits = self._with_requested(hits, q_weights, asked)
        # the sides of a facet it is on, told by other words too (my boss: a tip)
        sides = self._vocabulary.sides_told(query.features, asked)
        top = hits[0][1] or 1.0  # an English question may share no word with the Chinese texts
        scoring = self.scoring
        held = clean(normalize(hold_out)).replace(" ", "") if hold_out is not None else None
        # A question in English cannot look like the Chinese phrasings letter by letter: its
        # similarity is taken as its coverage rather than as the near-zero rapidfuzz ratio.
        english_top = max((_english_key(score) for score in english_scores.values()), default=0.0)
        # An act the question tells as done (举报了一家黑作坊 | 多长时间能查完) is its setting, not
        # what it asks for, unless it also asks for the act again.
        requested = asked & self._vocabulary.requests
        done = self._vocabulary.done_requests(corrected) & requested if requested else frozenset()
        if done:
            rest = self._vocabulary.without_done(corrected)
            done -= self._vocabulary.named_in(self._text(rest).features)
        # Its clauses telling the act are the setting every entry about that act shares: they
        # count as covered there, and those entries are weighed by the other clauses' words.
        # (Told and asked in one clause, 举报了半个月没消息, it stays a request about the act.)
        told = self._told_clauses(corrected, done) if done else None
        if told is not None:
            requested -= done
        else:
            done = frozenset()
        done_top = max((bm25 for doc, bm25 in hits if done & self._prepared[doc].named),
                       default=top) or top if told else top
        # A request about something that happened to a food (蛋糕发霉了 怎么投诉) is about the act:
        # the food's science entry answers another question, whatever words it shares.
        # English tells it in words (sold me a sandwich with mold on it): matched with its spaces.
        incident = bool(requested) and (self._vocabulary.tells_incident(query.compact)
                                        or self._vocabulary.tells_incident(clean(corrected)))
        # A report (举报) always tells of a violation: its clauses that ask for no act are the
        # matter (有家店卖三无辣条 | 我要举报), whatever words they tell it with.
        if not incident and requested & self._vocabulary.telling_requests:
            incident = self._request_clause(corrected) is not None
        # The matter of such a request (吐司, 发霉, 面包房) is what the best entry naming no act
        # covers; an entry about the act answers it whatever food it is, so it counts as covered
        # there, and the act entries are weighed by the request's own words.
        matter = self._matter(query, q_weights, hits, held) if incident else None
        # Among the act entries, the clause that asks for the act decides (橘子烂了一半 | 怎么投诉:
        # 一半 is the matter's, not a reason to prefer 投诉填到一半不想填了).
        request = self._request_clause(corrected) if incident else None
        # and their BM25 is taken relative to the best of them, not to the food's entry.
        act_top = max((bm25 for doc, bm25 in hits if requested & self._prepared[doc].named),
                      default=top) or top if incident else top
        # When only the last of several clauses asks (我想投诉一家饭店 | 要准备什么证据), the
        # earlier ones tell the setting: entries are also ranked by their cover of the asking one.
        asking = self._asking_clause(corrected)
        # A clause naming the act that does not ask (想投诉一家奶茶店 | 喝了拉肚子 |
        # 手上要有哪些证据) says what the person means to do: the asking clause, naming no act,
        # ranks the act entries, as the request clause does when it asks (橘子烂了一半 | 怎么投诉).
        # The act clause's cover still counts towards confidence (…我要投诉 | 流程是什么).
        setting = asking if requested and asking is not None and not (
            self._vocabulary.named_in(asking[0].features) & requested) else None
        # and, like an act told as done, that clause is what every act entry shares: covered there
        wish = self._act_clause_features(corrected, requested) if setting is not None else set()
        ranked = []
        for doc, bm25 in hits:
            entry = self._entries[doc]
            names_act = bool(requested & self._prepared[doc].named)
            coverage, phrasing, similarity = self._components(
                query, q_weights, information, doc, held,
                ((matter or set()) | wish) if names_act else None)
            if names_act and request is not None:
                _, phrasing, similarity = self._components(*request, doc, held)
            sure_phrasing = sure_similarity = 0.0
            if names_act and setting is not None:
                sure_phrasing, sure_similarity = phrasing, similarity
                _, phrasing, similarity = self._components(*setting, doc, held)
            relative = bm25 / (act_top if names_act else top)
            if told is not None and done & self._prepared[doc].named:
                coverage = self._components(query, q_weights, information, doc, held,
                                            told[0] | (matter or set()))[0]
                _, phrasing, similarity = self._components(*told[1], doc, held)
                relative = bm25 / done_top
            in_english_texts = english_scores.get(doc)
            if english:
                similarity = max(similarity, coverage)
            if in_english_texts is not None:
                # Read as English: how much of the question the entry's English covers, how
                # much of its English question the question covers, and as the similarity the
                # lesser of the two (a word in common covers a short question, not the entry).
                english_cover, english_phrasing = in_english_texts
                coverage = max(coverage, english_cover)
                phrasing = max(phrasing, english_phrasing)
                similarity = max(similarity, min(english_cover, english_phrasing))
                relative = max(relative, _english_key(in_english_texts) / english_top)
            confidence = (scoring.question_coverage * coverage
                          + scoring.phrasing_coverage * max(phrasing, sure_phrasing)
                          + scoring.similarity * max(similarity, sure_similarity))
            key = (scoring.rank_question_coverage * coverage
                   + scoring.rank_phrasing_coverage * phrasing
                   + scoring.rank_similarity * similarity
                   + scoring.rank_bm25 * relative)
            if asking is not None:
                key += scoring.asking_clause_weight * self._components(*asking, doc, held)[0]
            # An entry written for children, the elderly or pregnant women answers a question
            # that names none of them only as a second choice, one that names someone else
            # (老公) or the other act (投诉 for 举报) hardly at all.
            mismatch = self._vocabulary.mismatch(self._prepared[doc].named, sides)
            if mismatch:
                penalty = scoring.mismatch_penalty * mismatch
                confidence -= penalty
                key -= penalty * 4
            # A question asking for an act (怎么投诉, 能赔吗, 先干嘛) is answered by an entry about
            # that act, whatever food it names; an entry that names no act at all (the food's
            # science) answers another question. This orders the entries only: confidence stays
            # what the words earn, so a request about no food (快递丢了怎么投诉) is still declined.
            if requested:
                named = self._prepared[doc].named
                if requested & named:
                    key += scoring.request_weight
                elif not named & self._vocabulary.requests:
                    key -= scoring.request_weight
                    if incident:
                        key -= scoring.incident_weight
            ranked.append(Ranked(entry, confidence, key))
        ranked.sort(key=lambda r: -r.rank_key)
        # 在吗 or 你好 carry almost no information: whatever they match, it is not evidence.
        information = max(information, english_information)
        if information < scoring.min_information:
            damp = information / scoring.min_information
            ranked = [Ranked(r.entry, r.score * damp, r.rank_key) for r in ranked]
        ranked = self._sides_offered(ranked, sides)
        # A clear lead over the runner-up is itself evidence: the question is not torn
        # between two entries.
        lead = ranked[0].rank_key - (ranked[1].rank_key if len(ranked) > 1 else 0.0)
        ranked[0] = Ranked(ranked[0].entry,
                           ranked[0].score + scoring.margin * min(max(lead, 0.0), 1.0),
                           ranked[0].rank_key, ranked[0].open_side)
        return (ranked[:limit] if limit else ranked), spelled

    def _sides_offered(self, ranked: list[Ranked], asked: frozenset[str]) -> list[Ranked]:
        """``ranked`` with, when the question names no side of a facet (能匿名吗: neither 投诉
        nor 举报) and its best entry is about one side only, the best entry about the other side
        second and the best marked open, if that entry is within ``side_lead`` of it: the
        question is then offered both rather than answered for one kind of case."""
        if not ranked:
            return ranked
        best = self._named[ranked[0].entry.id]
        for facet in self._vocabulary.facets:
            side = best & facet
            if asked & facet or not side:
                continue
            for number, other in enumerate(ranked[1:], 1):
                if ranked[0].rank_key - other.rank_key >= self.scoring.side_lead:
                    break
                other_side = self._named[other.entry.id] & facet
                if other_side and not other_side & side:
                    top = ranked[0]
                    return [Ranked(top.entry, top.score, top.rank_key, True), other,
                            *ranked[1:number], *ranked[number + 1:]]
        return ranked

    def _english_reading(self, question: str, hits: list[tuple[int, float]]
                         ) -> tuple[dict[int, tuple[float, float]], float]:
        """An English question read against the entries' English texts: each entry's cover of
        it (:meth:`EnglishIndex.scores`), the best of them joined to ``hits``, and the
        question's information in that reading (the sum of its words' weights)."""
        if not len(self._english):
            return {}, 0.0
        asked = self._english.query(question)
        scores = self._english.scores(asked)
        # a question of one or two common words (what time is it) covers an entry by chance
        if asked.total < self.scoring.min_information:
            damp = asked.total / self.scoring.min_information
            scores = {doc: (cover * damp, phrasing * damp)
                      for doc, (cover, phrasing) in scores.items()}
        seen = {doc for doc, _ in hits}
        hits.extend((doc, 0.0) for doc in self._english.best(scores, self.scoring.candidates)
                    if doc not in seen)
        return scores, asked.total

    def _with_requested(self, hits: list[tuple[int, float]], q_weights: dict[int, float],
                        asked: frozenset[str]) -> list[tuple[int, float]]:
        """The BM25 candidates, joined by the best entries that name the act the question asks
        for (怎么投诉, 能赔吗, 先干嘛): a question about a concrete food that asks the service to
        act matches the food's science entries by most of its words, and the entries about the
        act might otherwise never be weighed."""
        seen = {doc for doc, _ in hits}
        for term in sorted(asked & self._vocabulary.requests):
            for doc, bm25 in self._index.search(q_weights, self.scoring.request_candidates,
                                                among=self._naming[term]):
                if doc not in seen:
                    seen.add(doc)
                    hits.append((doc, bm25))
        return hits

    def answer(self, question: str, lang: str = "zh") -> Answer:
        """Answer above the calibrated threshold; otherwise decline, offering close questions."""
        normalized = normalize(question)[:MAX_QUESTION_CHARS]
        english = _mostly_latin(clean(normalized).replace(" ", ""))
        # An English question is first read through the synonyms alone, as the Chinese texts are;
        # only when that reading would decline is it read against the entries' English texts too.
        ranked, best, score, threshold, on_topic, off_topic, torn = self._decide(
            normalized, read_english=False)
        if english and not (best is not None and score >= threshold and not torn):
            # read two ways, it takes the better reading of each entry: that optimism costs it
            # a little more to answer
            ranked, best, score, threshold, on_topic, off_topic, torn = self._decide(
                normalized, margin=self.scoring.english_margin)
        scoring = self.scoring
        if best is not None and score >= threshold and not torn:
            entry = best.entry
            source = entry.source.cite(lang)
            return Answer(
                answered=True,
                entry_id=entry.id,
                question=entry.question_in(lang),
                answer=entry.answer_in(lang),
                score=score,
                source=source,
                suggestions=(),
                in_scope=True,
                message=messages.answered_message(entry.answer_in(lang), source, lang),
            )
        in_scope = on_topic or (not off_topic and score >= scoring.suggestion_floor)
        # a torn question is offered both of the entries it is torn between
        suggestions = tuple(
            Suggestion(entry_id=r.entry.id, question=r.entry.question_in(lang))
            for number, r in enumerate(ranked[: scoring.suggestions])
            if r.score >= scoring.suggestion_floor or (torn and number < 2)
        ) if in_scope else ()
        message = (messages.unsure_message(suggestions, lang) if in_scope
                   else messages.out_of_scope_message(lang))
        return Answer(
            answered=False,
            entry_id=None,
            question=None,
            answer=None,
            score=score,
            source=None,
            suggestions=suggestions,
            in_scope=in_scope,
            message=message,
        )

    def _decide(self, normalized: str, *, read_english: bool = True, margin: float = 0.0
                ) -> tuple[list[Ranked], Ranked | None, float, float, bool, bool, bool]:
        """The ranking of a question, its best entry and that entry's score, the bar it must
        reach (raised by ``margin``), whether the question is on or off topic, and whether it is
        torn between its two best entries."""
        ranked, spelled = self._rank(normalized, read_english=read_english)
        best = ranked[0] if ranked else None
        score = best.score if best else 0.0
        scoring = self.scoring
        threshold, on_topic, off_topic = _bar(
            self._vocabulary, scoring, normalized,
            self._spoken(best.entry, normalized, spelled) if best else [])
        threshold += margin
        # Barely over the bar and barely ahead of the runner-up, the question is torn between two
        # entries (how to complain against how to report, a time limit against an overdue case):
        # offering both is better than answering one of them wrong.
        # An English question's similarity is its coverage (rank), so how far it clears the bar says
        # little about the runner-up: a narrow lead tears it however high it scores
        # (what evidence do i need to keep for complaint: evidence-to-keep and no-receipt).
        # A question naming neither side of a facet is offered both (`_sides_offered`).
        torn = best is not None and (best.open_side or (
            len(ranked) > 1
            and (score < threshold + scoring.torn_margin
                 or _mostly_latin(clean(normalized).replace(" ", "")))
            and best.rank_key - ranked[1].rank_key < scoring.torn_lead))
        return ranked, best, score, threshold, on_topic, off_topic, torn

    def _spoken(self, entry: Entry, normalized: str, spelled: str) -> list[frozenset[str]]:
        """The conditions named in the question (糖尿病, 高血压, 怀孕) that ``entry`` speaks of as
        its matter: its texts name the condition and either its question names one of the
        question's conditions (怀孕前后饮食要注意什么) or the question also names something the
        entry is about, a word of its keywords other than a condition's (低钠盐 for
        高血压可以吃低钠盐吗, 溏心蛋 for 孕妇能吃溏心蛋吗). The sugar-claims entry mentions 糖尿病,
        but 糖尿病人能吃西瓜吗 asks about none of its matter: diet for an illness, not ours. The
        matter is looked for in ``spelled``, the question as :meth:`rank` read it, typos corrected
        (低纳盐 → 低钠盐)."""
        groups = self._vocabulary.conditions_in(normalized)
        if not groups:
            return []
        question, subject = self._subject(entry)
        text = self._scope_text(entry)
        # An entry for one of the question's conditions (孕妇怀疑吃坏东西了怎么办) also speaks of
        # the others its texts name (孕妇吃了生冷食物发烧: 发热 in its answer).
        for_condition = any(term in question for group in groups for term in group)
        asked: frozenset[str] | None = None
        spoken = []
        for group in groups:
            if not any(term in text for term in group):
                continue
            if not for_condition and asked is None:
                asked = frozenset(self._text(spelled).features)
            if for_condition or (asked is not None and subject & asked) or any(
                    word[2:] in spelled for word in subject):
                spoken.append(group)
        return spoken

    def _subject(self, entry: Entry) -> tuple[str, frozenset[str]]:
        """An entry's question, normalised, and the jieba words of two characters or more of its
        keywords that name no condition: what it is about, found in a question as a word or a
        stretch of it (无糖 in 无糖点心). Not the synonyms: 糖 inside 糖尿病人 is read as 添加糖."""
        cached = self._subjects.get(entry.id)
        if cached is None:
            conditions = set().union(*self._vocabulary.conditions)
            features = extract(clean(normalize(" ".join(entry.keywords))), self._vocabulary)
            words = frozenset(
                feature for feature in features
                if feature.startswith("w:") and len(feature) > 3
                and not any(feature[2:] in term or term in feature[2:] for term in conditions))
            cached = self._subjects[entry.id] = (normalize(entry.question), words)
        return cached

    def _scope_text(self, entry: Entry) -> str:
        """An entry's question, phrasings, keywords and answer, normalised: what it speaks of."""
        text = self._scope_texts.get(entry.id)
        if text is None:
            text = normalize(" ".join((entry.question, *entry.phrasings, *entry.keywords,
                                       entry.answer)))
            self._scope_texts[entry.id] = text
        return text

    # -- scoring ----------------------------------------------------------------------------

    def _text(self, normalized: str) -> _Text:
        cached = self._texts.get(normalized)
        if cached is not None:
            return cached
        cleaned = clean(normalized)
        result = _Text(compact=cleaned.replace(" ", ""),
                       features=extract(cleaned, self._vocabulary))
        if len(self._texts) >= _QUERY_CACHE_LIMIT:
            self._texts.clear()
        self._texts[normalized] = result
        return result

    def _terms(self) -> set[str]:
        """The words the speller corrects towards: the lexicon, synonyms and keywords."""
        terms = set(self._vocabulary.canonical) | lexicon_words()
        for entry in self._entries[:_SPELLER_ENTRIES]:
            terms.update(normalize(keyword) for keyword in entry.keywords)
        return terms

    def _ids(self, features: Counter[str]) -> Counter[int]:
        ids: Counter[int] = Counter()
        for feature, count in features.items():
            feature_id = self._feature_ids.get(feature)
            if feature_id is None:
                feature_id = self._feature_ids[feature] = len(self._kinds)
                self._kinds.append(kind_weight(feature))
            ids[feature_id] += count
        return ids

    def _document(self, entry: Entry) -> Counter[int]:
        """The entry's BM25 document; records its texts for the re-rank on the way."""
        document: Counter[int] = Counter()
        compacts, per_text = [], []
        named: set[str] = set()
        for number, text in enumerate(entry.texts()):
            cleaned = clean(normalize(text))
            features = extract(cleaned, self._vocabulary)
            # The question itself says whom the entry is for; any of its texts what it is about.
            named.update(term for term in self._vocabulary.named_in(features)
                         if number == 0 or term not in (self._vocabulary.audiences
                                                         | self._vocabulary.hazards))
            ids = self._ids(features)
            document.update(ids)
            compacts.append(cleaned.replace(" ", ""))
            per_text.append(array("i", sorted(ids)))
        keywords: Counter[int] = Counter()
        if entry.keywords:
            keywords = self._ids(extract(clean(normalize(" ".join(entry.keywords))),
                                         self._vocabulary))
            document.update(keywords)
        answer: Counter[int] = Counter()
        if self.scoring.answer_weight:
            # The answer's words are weak evidence (it explains, it is not asked), but they
            # reach paraphrases no phrasing anticipated.
            answer = self._ids(extract(clean(normalize(entry.answer)), self._vocabulary))
            for feature_id, count in answer.items():
                document[feature_id] += count * self.scoring.answer_weight  # type: ignore[assignment]
        self._prepared.append(_EntryTexts(
            tuple(compacts), tuple(per_text), array("i", sorted(keywords)),
            array("i", sorted(answer)) if self.scoring.answer_coverage else array("i"),
            frozenset(named)))
        return document

    def _query_weights(self, query: _Text) -> tuple[dict[int, float], float]:
        """The weight of each known query feature by id, and the query's total weight
        (unknown words count too: a question about something the base never mentions is
        mostly not covered)."""
        weights: dict[int, float] = {}
        total = 0.0
        unseen = self._index.unseen_weight
        canonical = self._vocabulary.canonical
        for feature in query.features:
            feature_id = self._feature_ids.get(feature)
            if feature_id is None:
                # A word the synonym groups translate (complaint → 投诉) is asked through its
                # canonical term; that no entry spells it this way is no sign of another subject.
                word = feature[2:]
                if feature.startswith("w:") and canonical.get(word, word) != word:
                    continue
                total += unseen * kind_weight(feature)
            else:
                weights[feature_id] = self._weights[feature_id]
                total += weights[feature_id]
        return weights, total

    def _request_clause(self, normalized: str
                        ) -> tuple[_Text, dict[int, float], float] | None:
        """The clauses of a question that ask for an act, as a query, when others tell the
        matter; None for a question of one clause."""
        acts = self._vocabulary.requests
        clauses = _clauses(normalized)
        asking = [c for c in clauses if self._vocabulary.named_in(self._text(c).features) & acts]
        if not asking or len(asking) == len(clauses):
            return None
        text = self._text(" ".join(asking))
        weights, total = self._query_weights(text)
        return text, weights, total

    def _act_clause_features(self, normalized: str, acts: frozenset[str]) -> set[int]:
        """The known features of the clauses of a question that name one of ``acts``."""
        clauses = [c for c in _clauses(normalized)
                   if self._vocabulary.named_in(self._text(c).features) & acts]
        return set(self._query_weights(self._text(" ".join(clauses)))[0]) if clauses else set()

    def _told_clauses(self, normalized: str, done: frozenset[str]
                      ) -> tuple[set[int], tuple[_Text, dict[int, float], float]] | None:
        """For a question telling an act as done (举报了一家黑作坊 | 多长时间能查完): the features
        of its clauses that tell it, and its other clauses as a query; None for one clause."""
        clauses = _clauses(normalized)
        telling = [c for c in clauses if self._vocabulary.done_requests(c) & done]
        others = [c for c in clauses if c not in telling]
        if not telling or not others:
            return None
        q_weights = self._query_weights(self._text(" ".join(telling)))[0]
        text = self._text(" ".join(others))
        weights, total = self._query_weights(text)
        return set(q_weights), (text, weights, total)

    def _asking_clause(self, normalized: str
                       ) -> tuple[_Text, dict[int, float], float] | None:
        """The last clause of a question as a query, when it alone of several clauses asks (by
        `scope.yaml` `question_forms`: 吗, 怎么, 哪, 多久…) and has at least two known features."""
        clauses = _clauses(normalized)
        if len(clauses) < 2 or not self._vocabulary.asks(clauses[-1]) or any(
                self._vocabulary.asks(clause) for clause in clauses[:-1]):
            return None
        text = self._text(clauses[-1])
        weights, total = self._query_weights(text)
        return (text, weights, total) if len(weights) >= 2 else None

    def _matter(self, query: _Text, q_weights: dict[int, float],
                hits: list[tuple[int, float]], held: str | None) -> set[int]:
        """The question's features that the best BM25 candidate naming no act covers by its
        question, phrasings and keywords: the food and its trouble, not the request."""
        acts = self._vocabulary.requests
        # What was found in the food (苍蝇 in 吃出苍蝇) is the matter too, whatever entry names it.
        found = {self._feature_ids[f] for span in self._vocabulary.found_spans(query.compact)
                 for f in self._text(span).features if f in self._feature_ids}
        matter = {f for f in found if f in q_weights}
        for doc, _ in hits:
            prepared = self._prepared[doc]
            if prepared.named & acts:
                continue
            matter.update(f for f in prepared.keywords if f in q_weights)
            for compact, features in zip(prepared.compacts, prepared.features, strict=True):
                if compact != held:
                    matter.update(f for f in features if f in q_weights)
            break
        return matter

    def _components(
        self, query: _Text, q_weights: dict[int, float], q_total: float, doc: int,
        held: str | None = None, matter: set[int] | None = None,
    ) -> tuple[float, float, float]:
        """How much of the question the entry covers (``matter`` counting as covered), how
        much of the entry's closest phrasing the question covers, and the rapidfuzz
        similarity to that phrasing."""
        prepared = self._prepared[doc]
        weights = self._weights
        covered: set[int] = {f for f in prepared.keywords if f in q_weights}
        if matter:
            # A clause's own features (the wish, the told act) can differ from the whole
            # question's: only what the question weighs counts towards its cover.
            covered.update(f for f in matter if f in q_weights)
        best_phrasing = 0.0
        best_similarity = 0.0
        for compact, features in zip(prepared.compacts, prepared.features, strict=True):
            if compact == held:
                continue
            common = [f for f in features if f in q_weights]
            covered.update(common)
            total = sum(weights[f] for f in features) or 1.0
            best_phrasing = max(best_phrasing, sum(q_weights[f] for f in common) / total)
            best_similarity = max(best_similarity, _similarity(query.compact, compact))
        explained = sum(q_weights[f] for f in prepared.answer
                        if f in q_weights and f not in covered)
        question_coverage = (sum(q_weights[f] for f in covered)
                             + self.scoring.answer_coverage * explained) / (q_total or 1.0)
        return question_coverage, best_phrasing, best_similarity


def _bar(vocabulary: Vocabulary, scoring: Scoring, normalized: str,
         spoken: Sequence[frozenset[str]] = ()) -> tuple[float, bool, bool]:
    """The confidence a question needs to be answered, and whether it is plainly about food
    safety (on topic) or plainly about something else (off topic). ``spoken`` are the
    question's conditions that the best entry speaks of as its matter
    (:meth:`KnowledgeBase._spoken`)."""
    # Words of other subjects (tax, weather, medicine) outweighing the food words raise
    # the bar: 护照过期 shares 过期 with the food entries but is not about food. So does a
    # question about a food's taste, recipe or price that voices no safety concern.
    food_words = vocabulary.scope_hits(normalized)
    # A condition the best entry itself speaks of (血压高 and the low-sodium salt entry), beside a
    # food, is no other subject either: its words (血压 is medicine) do not count against the food
    # words (孩子发烧了先干嘛 names no food: its 发烧 still counts).
    other_words = vocabulary.off_topic_hits(_without(normalized, spoken if food_words else ()))
    if vocabulary.complains_of_another_subject(normalized):
        # a complaint about rent or a hospital names no food (投诉 is no food)
        food_words, other_words = 0, max(other_words, 1)
    off_topic = other_words > 0 and other_words >= food_words
    other_intent = vocabulary.asks_other_than_safety(normalized)
    # Diet for an illness, a treatment, sport or a life stage (糖尿病人能吃西瓜吗, 坐月子能吃水果吗)
    # is another intent unless a hazard is named or the best entry speaks of the condition as its
    # matter (高血压可以吃低钠盐吗, 孕妇能吃溏心蛋吗; not 糖尿病人能吃西瓜吗 beside the sugar-claims
    # entry, which names 糖尿病 but not the watermelon).
    if not vocabulary.voices_concern(normalized, weak=False) and any(
            group not in spoken for group in vocabulary.conditions_in(normalized)):
        other_intent = True
    off_topic = off_topic or other_intent
    on_topic = food_words > 0 and not off_topic
    threshold = scoring.threshold
    # An English message that asks nothing and voices no safety concern tells a matter (the milk
    # tea tasted weird, we ate hotpot last night): that it shares words with an entry is chance.
    if _mostly_latin(normalized) and vocabulary.tells_in_english(normalized):
        threshold += scoring.statement_margin
    if other_intent:
        threshold += scoring.other_intent_margin
    elif off_topic:
        threshold += scoring.off_topic_margin
        if not food_words:  # another subject and no food at all: both are evidence
            threshold += scoring.no_food_margin
    elif not on_topic:
        threshold += scoring.no_food_margin
    elif not vocabulary.voices_concern(normalized):
        # Food named, but no worry voiced (安全, 变质, 投诉…): asking about the food for some
        # other reason (芒果怎么挑熟的) is likelier than for a food-safety one of ours.
        threshold += scoring.no_concern_margin
    return threshold, on_topic, off_topic


def _clauses(normalized: str) -> list[str]:
    """The clauses of a question: its stretches between blanks and punctuation, except that in a
    question mixing Chinese and English (想投诉一家餐厅 what evidence should I collect) a run of
    English words is one clause, not a clause a word."""
    parts = clean(normalized).split()
    if not any(_CJK_CHAR.search(part) for part in parts):
        return parts
    clauses: list[str] = []
    for part in parts:
        if clauses and _LATIN_WORD.fullmatch(part) and _LATIN_WORD.fullmatch(
                clauses[-1].split()[-1]):
            clauses[-1] += " " + part
        else:
            clauses.append(part)
    return clauses


def _without(text: str, groups: Iterable[frozenset[str]]) -> str:
    """``text`` with every word of ``groups`` blanked out, longest first."""
    for term in sorted(set().union(*groups), key=len, reverse=True):
        text = text.replace(term, " ")
    return text


def question_lang(question: str) -> str:
    """The language to answer ``question`` in when none was asked for: "en" for a question
    written mostly in Latin letters, else "zh"."""
    return "en" if _mostly_latin(normalize(question)) else "zh"


def _similarity(query: str, text: str) -> float:
    """rapidfuzz similarity in [0, 1]; a long message is compared piecewise to the phrasing."""
    if not query or not text:
        return 0.0
    whole = fuzz.ratio(query, text)
    if len(query) > 1.5 * len(text):
        whole = max(whole, 0.9 * fuzz.partial_ratio(text, query))
    return whole / 100.0


@cache
def default_base() -> KnowledgeBase:
    """The shipped knowledge base, built once per process; malformed entries are skipped."""
    loaded = load_directory(ENTRIES_DIR)
    if loaded.problems:
        log.warning("knowledge base: %d problems in the entries files; run `foodsafe kb check`",
                    len(loaded.problems))
    return KnowledgeBase(loaded.entries, topics=loaded.topics)
