"""Reading an answer to "when?": a day, a time without one, or that it is not remembered.

People answer "昨天", "3月5日", "上周五", "last Friday", "晚上八点", "不记得了"; these functions
turn such answers into the date of a case draft, and say None when they cannot, so the step
can ask again instead of guessing. The words of not knowing and the names of days and months
are also what businesses reads an answer about a business by.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from bot.characters import CLAUSE_BREAK, meaningful
from knowledge.text import normalize

_RELATIVE_DAYS = {
    "今天": 0, "今日": 0, "今早": 0, "今晚": 0, "刚才": 0, "刚刚": 0, "today": 0, "tonight": 0,
    "this morning": 0, "this afternoon": 0, "this evening": 0, "earlier today": 0,
    "昨天": 1, "昨日": 1, "昨晚": 1, "yesterday": 1, "last night": 1, "前天": 2, "大前天": 3,
    "day before yesterday": 2,
    # Cantonese: 尋日/琴日 yesterday, 前日 the day before
    "寻日": 1, "琴日": 1, "前日": 2, "大前日": 3,
}
_WEEKDAYS = {"一": 0, "二": 1, "三": 2, "四": 3, "五": 4, "六": 5, "日": 6, "天": 6}
_ISO = re.compile(r"(20\d\d)[-/.年](\d{1,2})[-/.月](\d{1,2})")
_MONTH_DAY = re.compile(r"(?<!\d)(\d{1,2})(?:月|/|\.)(\d{1,2})(?:日|号)?")
_DAYS_AGO = re.compile(r"(\d{1,3}|[一二两三四五六七八九十])\s*(?:天|days?)\s*(?:前|以前|ago)")
_LAST_WEEKDAY = re.compile(r"上(?:个)?(?:周|星期|礼拜)([一二三四五六日天])")
_THIS_WEEKDAY = re.compile(r"(?<!上)(?<!上个)(?:周|星期|礼拜)([一二三四五六日天])")
_EN_DAYS_AGO = re.compile(r"\b(a|one|two|three|four|five|six|seven|a few|few|couple of|a couple of)"
                          r"\s+days?\s+ago\b")
_EN_NUMBERS = {"a": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
               "seven": 7}
# A week or month near now, or so long ago: "上周", "这个月", "前几天", "三天前".
_NEAR_PERIOD = (
    r"上(?:个)?(?:周|星期|礼拜|月)|这(?:个)?(?:周|星期|礼拜|月)|本周|本月|前几天|几天前|这几天|这两天|"
    r"(?:\d+|[一二两三四五六七八九十几半]+)(?:个)?(?:天|周|星期|礼拜|月|年)(?:前|以前|之前)|"
    r"最近|去年|前年|今年|年初|年底|年末|月初|月中|月底|月末|上旬|中旬|下旬|周末"
)
# A part of the day, Mandarin and Cantonese (朝早, 晏昼, 下昼: morning, noon, afternoon).
_PART_OF_DAY = r"早上|早晨|清晨|上午|中午|下午|傍晚|晚上|夜里|半夜|凌晨|朝早|晏昼|下昼|夜晚"
# The time of day or a stretch of time, with no day in it: "上周", "前几天", "晚上八点", "last
# week", "a few days ago". An answer to "when?", though no date can be taken from it.
_TIME_WORDS = re.compile(
    rf"{_NEAR_PERIOD}|{_PART_OF_DAY}|近来|之前|以前|那天|当天|假期|放假|节|"
    r"(?:\d{1,2}|[一二两三四五六七八九十]+)\s*点|"
    # How long it has gone on, for a practice a tip reports: "一直都这样，至少半年了",
    # "好几个月了", "天天这样", "every week for months".
    r"半年|(?:好|几|好几|\d+|[一二两三四五六七八九十]+)\s*个?多?(?:月|年|星期|礼拜)了|"
    r"一直|长期|经常|天天|每天|每周|每个?月|每次|好久|很久|一段时间|至今|"
    r"\b(?:for|over)\s+(?:months|weeks|years|a while|ages|a long time)\b|"
    r"\b(?:every|each)\s+(?:day|week|month|time|morning|night)\b|\b(?:always|daily|weekly|"
    r"for a long time|ongoing|since)\b|"
    r"\b(?:last|this|past|previous)\s+(?:week|weekend|month|year|few days|couple of days)\b|"
    r"\b(?:days|weeks|months|years)\s+ago\b|\b(?:recently|the other day|weekend|morning|"
    r"afternoon|evening|night|noon|midnight|lunchtime|dinnertime|breakfast|lunch|dinner|"
    r"o'?clock)\b|\b\d{1,2}(?::\d{2})?\s*(?:am|pm)\b",
)
_EN_WEEKDAY = re.compile(r"\b(last|this past|on|this|past)?\s*(monday|tuesday|wednesday|thursday|"
                         r"friday|saturday|sunday)\b")
_EN_MONTH = (r"(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
             r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)")
_EN_MONTH_DAY = re.compile(rf"\b(?:(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{_EN_MONTH}|"
                           rf"{_EN_MONTH}\s+(\d{{1,2}})(?:st|nd|rd|th)?)\b")
# "不记得", "don't remember": an answer to "when?" that says it is not known.
FORGOTTEN = re.compile(
    r"不记得|记不清|记不得|不清楚|不知道|不晓得|晓不得|不确定|说不清|说不准|想不起|忘了|忘记|"
    r"\b(?:don'?t|do not|can'?t|cannot|can not)\s+(?:remember|recall|know)\b|"
    r"\b(?:not sure|no idea|unsure|forgot|forget|unknown|no clue)\b",
)
EN_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
EN_MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august",
              "september", "october", "november", "december")
_CN_NUMBERS = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8,
               "九": 9, "十": 10}


@dataclass(frozen=True)
class When:
    on: date | None
    text: str


def parse_when(text: str, *, today: date) -> When | None:
    """A day, or a time without one ("上周", "晚上八点", "last week": ``on`` is None); None
    for anything that says no time at all ("hello?", "？？", an emoji)."""
    raw = text.strip()
    if not meaningful(raw):
        return None
    norm = normalize(raw)
    day = _day_named(norm, today)
    if day is not None or _TIME_WORDS.search(norm):
        return When(day, raw)
    return None


# A point in time at the head of an answer ("上周开始的 现在还在卖", "前几天吧", "last week I
# think"): the answer to "when?", as a day named is, whatever else it tells. How long or how
# often ("一直…", "经常…") is not one: "一直拉肚子" tells what happened.
_TIME_AT_HEAD = re.compile(
    r"^(?:就是|大概|大约|好像|应该是|可能是|差不多|嗯)?[\s,，]*(?:"
    rf"{_NEAR_PERIOD}|{_PART_OF_DAY}|"
    r"(?:last|this|past)\s+(?:week|weekend|month|year)\b|a few days ago\b|recently\b)",
    re.IGNORECASE,
)


def time_at_head(text: str) -> bool:
    """Whether an answer begins with a point in time ("上周开始的 现在还在卖")."""
    return bool(_TIME_AT_HEAD.match(normalize(text.strip())))


def time_clause(text: str, *, today: date) -> tuple[str, str]:
    """The clause of an answer that holds its time, and the others ("上周六中午 我们一家人去…
    吃到一半发现…": 上周六中午, and the story); the whole answer and "" when no clause alone
    holds one."""
    clauses = [clause.strip() for clause in CLAUSE_BREAK.split(text) if clause.strip()]
    for index, clause in enumerate(clauses):
        if len(clauses) > 1 and parse_when(clause, today=today) is not None:
            return clause, " ".join(clauses[:index] + clauses[index + 1:])
    return text.strip(), ""


def forgets_when(text: str) -> bool:
    """Whether an answer to "when?" says the person does not remember ("不记得了")."""
    return bool(FORGOTTEN.search(normalize(text)))


def _day_named(norm: str, today: date) -> date | None:
    """The day a normalised answer names, or None."""
    found = _ISO.search(norm)
    if found:
        return _safe_date(int(found[1]), int(found[2]), int(found[3]))
    found = _MONTH_DAY.search(norm)
    if found:
        return _past_month_day(today, int(found[1]), int(found[2]))
    found = _EN_MONTH_DAY.search(norm)
    if found:
        month_name, number = (found[2], found[1]) if found[1] else (found[3], found[4])
        month = next(i for i, name in enumerate(EN_MONTHS, 1) if name.startswith(month_name))
        return _past_month_day(today, month, int(number))
    found = _DAYS_AGO.search(norm)
    if found:
        token = found[1]
        count = int(token) if token.isdigit() else _CN_NUMBERS.get(token, 0)
        return today - timedelta(days=count)
    found = _EN_DAYS_AGO.search(norm)
    if found and found[1] in _EN_NUMBERS:  # "a few days ago" is a time, but no day
        return today - timedelta(days=_EN_NUMBERS[found[1]])
    found = _LAST_WEEKDAY.search(norm)
    if found:
        weekday = _WEEKDAYS[found[1]]
        start_of_week = today - timedelta(days=today.weekday())
        return start_of_week - timedelta(days=7 - weekday)
    for word in sorted(_RELATIVE_DAYS, key=len, reverse=True):
        if word in norm:
            return today - timedelta(days=_RELATIVE_DAYS[word])
    found = _THIS_WEEKDAY.search(norm)  # "周三": the last Wednesday up to today
    if found:
        return today - timedelta(days=(today.weekday() - _WEEKDAYS[found[1]]) % 7)
    found = _EN_WEEKDAY.search(norm)  # "last Friday", "on Friday": the last one before today
    if found:
        back = (today.weekday() - EN_WEEKDAYS.index(found[2])) % 7
        return today - timedelta(days=back or (7 if found[1] in ("last", "this past", "past")
                                               else 0))
    return None


def _past_month_day(today: date, month: int, number: int) -> date | None:
    day = _safe_date(today.year, month, number)
    if day is not None and day > today:  # "12月30日" said in January means last year
        day = _safe_date(today.year - 1, month, number)
    return day


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None
