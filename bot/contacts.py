"""Reading a contact's answer, and masking it for the summary.

People answer "打我电话13812345678 王女士", "张三 13812345678", "my name is John, 555…"; these
functions take the phone, the e-mail and a name only from what names one, and say None
without a phone or e-mail, so the step can ask again instead of guessing.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

from bot.characters import as_typed, simplified
from bot.when import EN_MONTHS, EN_WEEKDAYS
from intake.drafts import ContactDetails
from knowledge.text import tokenizer

_PHONE = re.compile(r"(?<!\d)(?:\+?86[- ]?)?(1[3-9]\d[- ]?\d{4}[- ]?\d{4})(?!\d)")
_LANDLINE = re.compile(r"(?<!\d)(0\d{2,3}[- ]?\d{7,8})(?!\d)")
# A local landline without its area code ("你打我家座机 62345678"): 7 or 8 digits, taken only
# when the answer says it is a landline (staff dial it in the district).
_LOCAL_LANDLINE = re.compile(r"(?<!\d)([2-8]\d{2,3}[- ]?\d{4})(?!\d)")
_LANDLINE_SAID = re.compile(r"座机|固话|固定电话|家里?(?:的)?电话|宅电|办公室电话|"
                            r"\b(?:landline|home phone|office phone)\b", re.IGNORECASE)
_EMAIL = re.compile(r"[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9.-]{1,190}\.[A-Za-z]{2,24}")
# A contact's name is read only from what names one: 姓王, 叫张三, 我是李明, 王女士, 姓名：赵敏,
# "my name is John", "I'm Tom", "Mr. Chen"; not from whatever sits beside the number ("打我",
# "白天都能接", "谢谢").
SURNAMES = (
    "欧阳|司马|诸葛|上官|东方|慕容|令狐|公孙|皇甫|尉迟|长孙|夏侯|端木|司徒|"
    "[王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程"
    "苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付傅方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛"
    "郝龚邵万钱严覃武戴莫孔向汤葛温施洪牛康庞樊殷关齐柳易乔俞季]"
)
_GIVEN = r"[\u4e00-\u9fff](?<![就吧了啊呀的哦呢吗嘛电手号联邮打请在是和说找留])"
_GIVEN_NAME = rf"{_GIVEN}(?:(?![就吧了啊呀的哦呢吗嘛电手号联邮打请在是和说找留]){_GIVEN})?"
_TITLE = r"先生|女士|小姐|太太|阿姨|大姐|大哥|大爷|大妈|奶奶|爷爷|老师|师傅|同学"
_CN_NAME = rf"(?:小|老)(?:{SURNAMES})|(?:{SURNAMES}){_GIVEN_NAME}"
_NAMED_AS = (
    # 姓名：赵敏, 联系人：王; 叫张三, 叫我小王; 我是李明; 王女士; 姓王
    re.compile(rf"(?:姓名|名字|联系人)(?:是|叫)?[:：\s]*((?:{SURNAMES})(?:{_TITLE})|{_CN_NAME})"),
    re.compile(rf"(?:叫我|叫|称呼我|称呼)((?:{SURNAMES})(?:{_TITLE})|{_CN_NAME})"),
    re.compile(rf"我是((?:{SURNAMES})(?:{_TITLE})|{_CN_NAME})"),
    re.compile(rf"((?:小|老)?(?:{SURNAMES})(?:{_TITLE}))"),
    re.compile(rf"姓({SURNAMES})"),
)
_EN_NAME_STOP = (r"and|my|phone|number|mobile|email|e-mail|call|at|on|please|thanks|thank|i|"
                 r"is|or|you|me|here|text|whatsapp|wechat|but|after|before")
_EN_NAMED_AS = (
    re.compile(rf"\b(?:my\s+)?name(?:'s|\s+is|\s*:)\s+((?:(?!(?:{_EN_NAME_STOP})\b)"
               rf"[A-Za-z][\w'-]*\s*){{1,3}})", re.IGNORECASE),
    re.compile(r"\b(?:I'?m|I am|this is|it'?s|call me)\s+((?:[A-Z][\w'-]*\s*){1,3})"),
    re.compile(r"\b((?:Mr|Mrs|Ms|Miss|Dr)\.?\s+[A-Z][\w'-]*)"),
)


def parse_contact(text: str) -> ContactDetails | None:
    """Phone and/or e-mail (and whatever name is left); None without a phone or e-mail."""
    raw = text.strip()
    email = _EMAIL.search(raw)
    phone = _PHONE.search(raw) or _LANDLINE.search(raw) or (
        _LOCAL_LANDLINE.search(raw) if _LANDLINE_SAID.search(raw) else None)
    if not email and not phone:
        return None
    rest = raw
    for found in (email, phone):
        if found:
            rest = rest.replace(found.group(0), " ")
    first = min(found.start() for found in (email, phone) if found)
    last = max(found.end() for found in (email, phone) if found)
    before = raw[:first]
    name = contact_name(rest) or _bare_name(before) or (
        _bare_name(raw[last:]) if not _BESIDE_NUMBER.sub("", simplified(before)) else None)
    return ContactDetails(
        name=name,
        phone=re.sub(r"[- ]", "", phone.group(1)) if phone else None,
        email=email.group(0) if email else None,
    )


def contact_name(text: str) -> str | None:
    """The name a contact's answer gives by something that names one ("我姓王", "叫我小王",
    "王女士", "my name is John", "Mr. Chen"), as typed; None when it gives none: what sits
    beside the number ("打我", "白天都能接") is not taken for a name (a bare name written
    before it is read by :func:`parse_contact`)."""
    simple = simplified(text)
    for pattern in _NAMED_AS:
        found = pattern.search(simple)
        if found:
            return as_typed(text, simple, found.group(1))[:40]
    for pattern in _EN_NAMED_AS:
        found = pattern.search(text)
        if found and found.group(1).strip():
            return found.group(1).strip()[:40]
    return None


# What may stand around a bare name written beside the number ("张三：13812345678", "李明 电话
# 138…", "13700001234 李娜，谢谢"): punctuation, the words that only introduce the number, and
# thanks; a name is read only when nothing else stands on that side.
_BESIDE_NUMBER = re.compile(
    r"[\s,，:：;；、。.!！~～()（）-]|联系电话|联系方式|电话|手机号?|号码|邮箱|"
    r"(?:谢谢|多谢|感谢)(?:您|你|你们)?[啦了呀哈啊]?|谢了|(?:麻烦|辛苦|拜托)(?:您|你|你们)?了")
# Words jieba tags as a person's name that say who someone is to the writer, not their name
# ("137… 孙女": her number).
_KIN = frozenset(("孙子", "孙女", "老公", "老婆", "老伴", "儿子", "女儿", "闺女", "外孙", "外孙女"))
# A dictionary word tagged a person's name this common is a word first (谢谢, 高明, 洪水,
# 康复 are tagged so too); a name the dictionary knows is rarer (李娜 438, 李强 159).
_COMMON_NAME_WORD = 500
# English: capitalised words alone beside the number ("Anna Li, 13800001111"); not these.
_EN_NOT_A_NAME = frozenset((
    "thanks", "thank", "please", "call", "text", "hi", "hello", "dear", "ok", "okay", "yes",
    "no", "sure", "phone", "mobile", "cell", "tel", "email", "e-mail", "number", "contact",
    "name", "wechat", "whatsapp", "anytime", "evenings", "mornings", "weekdays", "weekends",
    "cheers", "regards", "best", "sir", "madam", "me", "my", "i", "home", "work", "office",
    *EN_WEEKDAYS, *EN_MONTHS))
_EN_BARE_NAME = re.compile(r"[A-Z][a-z'-]+(?:\s+[A-Z][a-z'-]+){0,2}")


def _bare_name(beside: str) -> str | None:
    """A name written alone beside the number, the way a form is filled in ("张三
    13812345678", "13700001234 李娜", "Anna Li, 138…"): a surname and one or two characters
    with nothing else on that side but punctuation, thanks and 电话/手机; a word of the
    dictionary only when it is tagged a person's name and rare (李娜), so 白天, 马上, 谢谢, which
    start with surnames too, are none; in English one to three capitalised words, none of them
    a word of courtesy or of calling ("Thanks", "Call")."""
    folded = simplified(beside)
    simple = _BESIDE_NUMBER.sub("", folded)
    if re.fullmatch(_CN_NAME, simple) and simple not in _KIN:
        frequency = tokenizer().FREQ.get(simple) or 0
        if not frequency or (simple in _dictionary_names() and frequency < _COMMON_NAME_WORD):
            return as_typed(beside, folded, simple)
        return None
    words = beside.strip(" \t,，.。:：;；!！-()（）")
    if _EN_BARE_NAME.fullmatch(words) and not any(
            word.lower() in _EN_NOT_A_NAME for word in words.split()):
        return words[:40]
    return None


@cache
def _dictionary_names() -> frozenset[str]:
    """The words of jieba's dictionary tagged a person's name (nr, nrfg) that a surname begins,
    two or three characters long (about 30,000; read once, 0.1 s)."""
    import jieba

    names: set[str] = set()
    shape = re.compile(rf"(?:{SURNAMES})[\u4e00-\u9fff]{{1,2}}")
    path = Path(jieba.__file__).parent / "dict.txt"
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            word, _, tag = line.rstrip().rpartition(" ")
            word = word.partition(" ")[0]
            if tag in ("nr", "nrfg") and shape.fullmatch(word):
                names.add(word)
    return frozenset(names)


def mask_contact(contact: ContactDetails) -> str:
    """What the summary shows: enough to recognise, not enough to read over a shoulder."""
    parts = []
    if contact.phone:
        parts.append(contact.phone[:3] + "****" + contact.phone[-4:])
    if contact.email:
        user, _, domain = contact.email.partition("@")
        parts.append(f"{user[:1]}***@{domain}")
    return " / ".join(parts)
