"""What a message is for: complaint, tip, question, status or other, and how sure we are.

The decision is a language rule, so it lives here beside normalisation and imports nothing
of the domain. It reads named signals (regular expressions in ``intent_rules.yaml``) from the
normalised text, adds their weights per intent, and then applies a handful of scoring rules,
each named below, that encode how people actually write:

* a receipt-like code means the person is asking about a case they filed;
* a personal incident ("I bought / ate ... and it was rotten / I got sick") is a complaint even
  when it ends with "what should I do?";
* service words ("举报", "匿名", "投诉") inside a question with no concrete matter are a
  question about the service ("匿名举报会泄露我的信息吗"), not a tip;
* a question needs a food-safety or service topic; otherwise it is small talk ("other").

Every decision carries the signals that produced it, so a surprising answer can be explained
and the rule data improved, never patched for one phrase.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from knowledge.text import normalize, tokenize

INTENTS = ("complaint", "tip", "question", "status", "other")
RULES_FILE = Path(__file__).resolve().parent / "intent_rules.yaml"

# A receipt or case number typed back: three or more groups of 4-6 letters/digits (FS2611-…),
# or one long run that mixes letters and digits. Deliberately broader than intake's exact
# alphabet, so a receipt mistyped by one character still reads as "checking on a case" (the
# domain then says it is unknown).
_RECEIPT_GROUPED = re.compile(r"(?<![a-z0-9])[a-z0-9]{4,6}(?:[-_ —]+[a-z0-9]{4,5}){2,}(?![a-z0-9])")
_RECEIPT_RUN = re.compile(r"(?<![a-z0-9])[a-z0-9]{12,24}(?![a-z0-9])")
RECEIPT_WEIGHT = 8.0
# Anything at all is "other" with this much weight, so weak signals cannot win by accident.
OTHER_BASELINE = 1.0
# A message this short is typed like a search ("隔夜菜"): a food word alone is a question.
KEYWORD_LENGTH = 6


class IntentRulesError(ValueError):
    """The intent rule file is malformed; the message names the signal."""


@dataclass(frozen=True)
class Signal:
    name: str
    intent: str
    weight: float
    patterns: tuple[re.Pattern[str], ...]

    def matches(self, text: str, *, word_patterns_only: bool = False) -> str | None:
        """The first matched fragment, or None (only ``\\b`` patterns when asked)."""
        for pattern in self.patterns:
            if word_patterns_only and r"\b" not in pattern.pattern:
                continue
            found = pattern.search(text)
            if found:
                return found.group(0)
        return None


@dataclass(frozen=True)
class IntentDecision:
    """The intent, a confidence in [0, 1], and the signals (name → matched text) behind it."""

    intent: str
    confidence: float
    signals: dict[str, str] = field(default_factory=dict)
    scores: dict[str, float] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return {"intent": self.intent, "confidence": round(self.confidence, 2)}


def _compile(name: str, raw: Any) -> Signal:
    try:
        intent = str(raw["intent"])
        weight = float(raw["weight"])
        patterns = tuple(re.compile(str(p)) for p in raw["patterns"])
    except (KeyError, TypeError, ValueError, re.error) as exc:
        raise IntentRulesError(f"signal {name!r}: {exc}") from exc
    if intent not in INTENTS:
        raise IntentRulesError(f"signal {name!r}: unknown intent {intent!r}")
    return Signal(name=name, intent=intent, weight=weight, patterns=patterns)


def load_signals(path: Path = RULES_FILE) -> tuple[Signal, ...]:
    """The signals of a rule file, compiled; raises IntentRulesError when malformed."""
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    if not isinstance(raw, dict) or not isinstance(raw.get("signals"), dict):
        raise IntentRulesError(f"{path}: expected a top-level 'signals' mapping")
    return tuple(_compile(name, spec) for name, spec in raw["signals"].items())


@cache
def default_signals() -> tuple[Signal, ...]:
    """The project's signals, compiled once per process."""
    return load_signals()


def find_receipt(normalized: str) -> str | None:
    """A receipt-like code in already-normalised text, or None."""
    # A receipt mixes letters and digits; "sells meat from sick pigs" is five words, not one.
    for grouped in _RECEIPT_GROUPED.finditer(normalized):
        token = grouped.group(0)
        if any(c.isdigit() for c in token) and any(c.isalpha() for c in token):
            return token
    for run in _RECEIPT_RUN.finditer(normalized):
        token = run.group(0)
        if any(c.isdigit() for c in token) and any(c.isalpha() for c in token):
            return token
    return None


def _hits(signals: Iterable[Signal], text: str, *, word_patterns_only: bool = False
          ) -> dict[str, str]:
    found: dict[str, str] = {}
    for signal in signals:
        matched = signal.matches(text, word_patterns_only=word_patterns_only)
        if matched is not None:
            found[signal.name] = matched
    return found


# Many other people ("好多人", "家长们"), as against one other person's trace ("别人的口红").
_GROUP = re.compile(
    r"多|们|群|大家|几|不少|许多|一些|每次|经常|总|小学生|中学生|people|customers|students|kids|residents")
_CLAUSE = re.compile(r"[^,.!?;~\n]+[,.!?;~\n]*")
# Chinese typed without punctuation separates clauses with spaces ("瓶底有沉淀 这正常吗").
_CJK_SPACE = re.compile(r"(?<=[\u4e00-\u9fff]) +(?=[\u4e00-\u9fff])")


def _told_defect(signals: Iterable[Signal], normalized: str) -> str | None:
    """A clause that states a defect without asking anything, or None.

    "超市买的牛奶结块了，这正常吗" states its defect in one clause and asks in another;
    "酸奶胀袋了还能喝吗" asks about the defect in the same breath, so it is a question. The
    scoring counts a told defect only when the writer had the food in hand and nothing in the
    message reports a business's practice.
    """
    by_name = {s.name: s for s in signals}
    incident, asking = by_name.get("incident"), by_name.get("asking")
    if incident is None or asking is None:
        return None
    for clause in _CLAUSE.findall(_CJK_SPACE.sub(",", normalized)):
        if asking.matches(clause) is None:
            found = incident.matches(clause)
            if found is not None:
                return found
    return None


def _background(hits: dict[str, str]) -> bool:
    """An old episode told as the reason for a general question, about no business."""
    return ("anecdote" in hits and "asking" in hits and not any(
        name in hits for name in ("specific_target", "redress", "can_i_report")))


def _score(signals: tuple[Signal, ...], hits: dict[str, str]) -> dict[str, float]:
    weights = {s.name: s.weight for s in signals}
    if ("personal" in hits and hits["personal"] in hits.get("violation", "")
            and "harm" not in hits):
        # Rule: in "给孩子吃的都是外卖" the eating is what the practice serves to others; the
        # same words are not also the writer's meal (unless it made someone ill).
        hits = {name: found for name, found in hits.items()
                if name not in ("personal", "own_consumption")}
    told_hits = hits  # as read, before any rule below sets a signal aside
    if "identity_worry" in hits:
        # Rule: "会知道是我投诉的吗" names a filing only to ask whether it stays private.
        hits = {name: found for name, found in hits.items() if name != "my_filing"}

    def w(name: str) -> float:
        return weights.get(name, 0.0) if name in hits else 0.0

    # Rule: "很多人吃了心慌" tells of other people's harm: a tip, unless the writer was one
    # (said in the first person, or with the writer's household as the one who ate).
    if ("third_party" in hits and "personal" in hits
            and ("first_person" not in hits or "own_consumption" not in hits)):
        hits = {name: found for name, found in hits.items() if name != "personal"}
    # Rule: a violation the writer bought ("买的猪肉是注水的") harmed them: it is an incident.
    # Told as a real purchase (first person, a time, or a plain statement), not as
    # "勾兑的酒喝了会怎样".
    if ("violation" in hits and "personal" in hits and "insider" not in hits
            and "report_word" not in hits and "incident" not in hits and "witness" not in hits
            and ("first_person" in hits or "past_time" in hits or "asking" not in hits)):
        hits = {**hits, "incident": hits["violation"]}
    # Rule: an incident is the writer's own when it is told in the first person or in the past;
    # "买到假货能赔吗" without either is a hypothetical, i.e. a question.
    held = "personal" in hits or "found_in" in hits
    tip_words = any(name in hits for name in
                    ("violation", "insider", "report_word", "anonymity", "sales_pitch"))
    # A defect stated as a fact ("牛奶结块了，这正常吗") is told, not imagined, even without
    # 我 or a time, and even when a question follows it; an old episode told as the reason
    # for a question ("有一次…想问问") is background, not a matter to file.
    concrete_incident = ("incident" in hits and "hypothetical" not in hits
                         and not _background(hits)
                         and not ("own_mistake" in hits and "business" not in hits)
                         and "accused" not in hits
                         and (("personal" in hits
                               and ("first_person" in hits or "past_time" in hits))
                              or ("told_defect" in hits and held and not tip_words)))
    topical = "topic" in hits or "service" in hits
    # An insider who tells of nothing wrong ("我是开饭店的，后厨要几个水池") is asking.
    concrete_tip = "violation" in hits or ("insider" in hits and any(
        name in hits for name in ("incident", "anonymity", "report_word")))
    asking = "asking" in hits and "declared" not in hits and "rhetorical" not in hits

    complaint = w("incident") + w("redress")
    wronged = ("personal" in hits or "declared" in hits
               or ("first_person" in hits and "incident" in hits))
    if "redress" in hits and not wronged:
        complaint -= w("redress") / 2  # rule: "经理不管" is weak unless the writer was wronged
    if complaint and "personal" in hits:
        # Rule: who and when only matter once something went wrong for the person writing.
        complaint += w("personal") + w("past")
    if concrete_incident:
        complaint += 2.0  # rule: a personal incident is the heart of a complaint
    elif "personal" in hits and "past" in hits and not asking:
        # Rule: a story of what one bought or ate, told to a complaint desk, is a complaint
        # even when its defect is in words the lexicon lacks.
        complaint = max(complaint, 2.5)
    elif ("personal" in hits or "business" in hits) and "topic" in hits and not asking:
        # Rule: the same story without a tense ("买的腊肠 切开里面是绿的"), or a statement
        # about a food business's food, leans the same way, but below the bot's line: the
        # person is offered the choice.
        complaint = max(complaint, 1.25)

    if "violation" in hits and "personal" not in hits and "first_person" not in hits:
        complaint /= 2  # rule: a practice seen at a business, nobody said they bought: a tip
    pitch = "sales_pitch" in hits and not concrete_incident
    if pitch:
        # Rule: a cure sold to the elderly harms many; the family reports it (unless what
        # they bought made them ill or was fake: then it is their complaint).
        complaint /= 2
    if "insider" in hits:
        complaint /= 2  # rule: what an insider saw at work is a violation, not their own harm
    elif ("violation" in hits and "witness" in hits and "harm" not in hits
          and "own_consumption" not in hits and "personal" not in told_hits):
        complaint /= 2  # rule: a practice the writer saw, and nobody was hurt: a tip
    elif ("violation" in told_hits and "institution" in hits and "harm" not in hits
          and "purchase" not in hits):
        # Rule: "学生奶是过期的，学校还在发" is how a school feeds every child; the writer's
        # child being one of them makes it no less a practice, until someone is hurt.
        complaint /= 2
    tip = w("insider") + w("anonymity") + w("violation")
    if pitch:
        tip += w("sales_pitch")
    if (_GROUP.search(hits.get("third_party", "")) and "incident" in hits
            and "own_consumption" not in hits and not asking
            and ("personal" not in told_hits or "hearsay" in hits)):
        # Rule: "家长群里好多人都说孩子吃不饱" tells of harm to others the writer did not
        # suffer: it reports a practice, so it is a tip.
        tip += w("incident")
        complaint /= 2
    if "my_filing" in hits and "declared" not in hits:
        # Rule: "我举报的那个窝点端掉了没有" asks about an old filing; it is not a new one
        # (unless the writer declares a new one: "朋友在你们这投诉过，我也想投诉").
        tip /= 3
        complaint /= 2
    else:
        tip += w("report_word")

    question = ((w("asking") + max(w("topic"), w("service")) if asking else 0.0)
                + w("identity_worry"))
    if ("can_i_report" in hits and asking and "specific_target" not in hits
            and "my_filing" not in hits and not concrete_incident):
        # Rule: "没有执照的餐馆可以举报吗" asks what the service covers; no business is named.
        question += w("can_i_report")
        tip /= 2
        complaint /= 2
    if "hypothetical" in hits and asking:
        complaint /= 2  # rule: "如果吃坏了肚子找谁" is a what-if, not the writer's incident
    if "how_to_tell" in hits:
        # Rule: "怎么辨别注水肉" wants know-how; the violation named is its subject, not a tip.
        question += w("how_to_tell")
        tip /= 2
    if asking and not topical:
        question /= 4  # rule: a question without a food or service topic is small talk
    if "accused" in hits:
        # Rule: the business that is complained about asks for advice; it files nothing.
        complaint /= 3
        tip /= 3
    if ("keyword" in hits and "topic" in hits and "first_person" not in hits
            and not (complaint or tip or question)):
        question = 1.25  # rule: "隔夜菜" typed alone looks something up, below the line
    own_case = "my_filing" in hits or ("progress" in hits and "first_person" in hits)
    if concrete_incident or own_case:
        # Rule: "我买的奶过期了怎么办" is a complaint with a question mark, and "我的投诉
        # 为什么被转走了" asks about the person's own case.
        question /= 2
    if asking and not concrete_incident and not concrete_tip:
        # Rule: service words inside a question about no concrete matter ask about the service.
        tip /= 2
        complaint /= 2

    status = w("progress") + w("my_filing") + w("waiting")
    if "receipt" in hits:
        status += RECEIPT_WEIGHT

    # Rule: "投诉要带身份证吗" is about the service even though 身份证 is usually off topic.
    # (A *statement* "我要投诉物业" stays off topic: only a question is rescued.)
    service_question = asking and "service" in hits
    off_topic = 0.0 if service_question else w("off_topic")
    case_lookup = "case_word" in hits and ("progress" in hits or "my_filing" in hits)
    if case_lookup:
        off_topic = 0.0  # rule: "能用手机号查吗" asks how to find a case; the phone is the means
    if concrete_incident or "violation" in hits:
        off_topic /= 2  # rule: a stray off-topic word does not outweigh a food incident
    # Rule: "看着挺好吃的，结果一咬全是肥肉" — praise or thanks beside a defect is not small talk.
    social = 0.0 if "incident" in told_hits else w("social")
    other = OTHER_BASELINE + w("greeting") + social + off_topic + w("off_topic_target")
    if "resolved" in hits and "social" in hits and not asking and "waiting" not in hits:
        # Rule: "后来被查了，谢谢你们" thanks for an outcome; it asks nothing of the case.
        status /= 2
    if "off_topic_target" in hits:
        question /= 2  # rule: "可以投诉快递员吗" asks about a matter that is not ours
    if ("off_topic" in hits and "topic" not in hits and not service_question
            and not case_lookup):
        other += 2.0  # rule: off-topic words and no food at all: not ours, whatever the verbs
    return {"complaint": complaint, "tip": tip, "question": question, "status": status,
            "other": other}


def _confidence(scores: dict[str, float], best: str) -> float:
    ordered = sorted(scores.values(), reverse=True)
    top, runner_up = ordered[0], ordered[1]
    if top <= 0:
        return 0.5
    margin = (top - runner_up) / top
    # Strength saturates: a score of 6 or more is as strong as the rule data gets.
    strength = min(top, 6.0) / 6.0
    value = 0.35 + 0.4 * margin + 0.24 * strength
    if margin < 0.1:
        # A dead heat (complaint 4 against tip 4) is a choice for the person, not a decision:
        # keep it under the bot's 0.5 line however strong both sides are.
        value = min(value, 0.45)
    if best == "other" and top <= OTHER_BASELINE:
        value = min(value, 0.6)  # "nothing matched" is a guess, and says so
    return round(max(0.0, min(value, 0.99)), 2)


def classify_intent(text: str, *, signals: tuple[Signal, ...] | None = None) -> IntentDecision:
    """The intent of one message, with its confidence and the signals that decided it."""
    signals = default_signals() if signals is None else signals
    normalized = normalize(text or "")
    # jieba segmentation joined by spaces lets word patterns (\b…\b) find "status" in "查status".
    spaced = " ".join(tokenize(normalized)) if normalized else ""
    hits = _hits(signals, normalized)
    for name, matched in _hits(signals, spaced, word_patterns_only=True).items():
        hits.setdefault(name, matched)
    told = _told_defect(signals, normalized)
    if told:
        hits["told_defect"] = told
    receipt = find_receipt(normalized)
    if receipt:
        hits["receipt"] = receipt
    if len(normalized) <= KEYWORD_LENGTH:
        hits["keyword"] = normalized
    if sum(2 if "\u4e00" <= char <= "\u9fff" else 1
           for char in normalized if char.isalnum()) < 2:
        # Rule: a lone "?", "。。。" or "x" says nothing yet (one Chinese word, "查", does).
        return IntentDecision(intent="other", confidence=0.6, signals=hits, scores={})
    scores = _score(signals, hits)
    best = max(INTENTS, key=lambda intent: (scores[intent], -INTENTS.index(intent)))
    return IntentDecision(intent=best, confidence=_confidence(scores, best), signals=hits,
                          scores=scores)
