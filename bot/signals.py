"""What a free message says about itself, apart from its content: whether it is words at all,
which language, a question, a question about a case, only a declaration, a correction or a
step back, a refusal to leave a contact, that there are no photos.

The steps read these before taking a message as their answer, so that "？？", "返回" or
"我之前那个投诉怎么样了" is not stored as an account, a date or a business.
"""

from __future__ import annotations

import re
from functools import cache

from bot.businesses import EN_KIND_WORD, KIND_AT_END, business_reference
from bot.characters import CLAUSE_BREAK, chinese_characters, meaningful, simplified
from knowledge.intent import Signal, default_signals
from knowledge.text import normalize

MIN_WHAT = 6
_VOWEL = re.compile(r"[aeiouy]")

# A trailing question mark or particle: "奖励是多少？", "会被发现吗", "is it safe?".
# A particle before a space ends a clause as well ("举报有奖励吗 能给多少", typed the way many
# people type, with spaces for commas).
_ASKS = re.compile(r"[?？]|[吗嗎呢么麼][\s.。!！~～]*$|[吗嗎呢](?=\s+[\u4e00-\u9fff])")
# "会不会", "是不是", "有没有": a question put the Chinese way, often without a question mark.
_A_NOT_A = re.compile(r"([会是能要可有])不\1|有没有|可不可以")
# "…是我举报的怎么办", "要多久": a question word ending the clause asks, with no mark.
_ASKED_AT_END = re.compile(r"(?:怎么办|咋办|怎么弄|如何是好|为什么|为啥|多久|多长时间)"
                           r"[\s.。!！~～]*$")
# "我没拍照片", "扔了", "no photos": the answer to the photo question is that there are none.
_NO_PHOTOS = re.compile(
    r"没(?:有)?(?:拍|照|图|留|存|相|影相)|(?:不会|不能|不敢|没法|没办法|不方便|不用)(?:拍|照)|拍不了|"
    r"(?:没空|没时间|哪有空|哪有时间|哪顾得上|顾不上|来不及)(?:去)?(?:拍|照)|"
    r"扔了|丢了|吃完了|吃光了|"
    r"\bno (?:photos?|pictures?|pics?|images?)\b|"
    r"\b(?:didn'?t|did not|don'?t|do not|can'?t|cannot)\s+(?:take|have|get)\b|\bthrew\b",
    re.IGNORECASE,
)
# "返回", "上一步", "back": the person wants the previous question again.
_BACK = frozenset({"返回", "上一步", "回到上一步", "退回", "后退", "back", "go back", "previous",
                   "previous step"})
# "不对，应该是幸福路21号": the previous answer was wrong; what follows (if anything) replaces it.
_CORRECTION = re.compile(
    r"^(?:不对|不是|错了|写错了|说错了|搞错了|弄错了|更正|改一下|sorry|wrong|no wait|correction)"
    r"[\s,，。.:：!！;；~]*(?:应该是|应是|其实是|是|系|改成|改为|should be|it is|it was)?[\s:：]*",
    re.IGNORECASE,
)
_CORRECTION_JOINT = re.compile(
    r"[\s,，。.:：!！;；~]|应该是|应是|其实是|改成|改为|should be|it is|it was", re.IGNORECASE)
# "我不想留电话", "算了不要奖励", "rather not": declining to leave a contact.
_DECLINE = re.compile(
    r"不想|不愿|不留|不给|不方便|不要|不用|不需要|算了|没有|拒绝|跳过|匿名|"
    r"\b(?:no|nope|don'?t|do not|rather not|skip|none|anonymous)\b",
    re.IGNORECASE,
)


def reads_as_words(text: str, minimum: int = MIN_WHAT) -> bool:
    """Whether a message could be an account: ``minimum`` letters or characters in words, not
    a keyboard run ("asdfghjkl", "asdf asdf asdf"), a lone emoji, punctuation ("。。。。") or one
    character over and over ("啊啊啊啊啊"). Chinese needs three characters, English three
    different words with a vowel; either at least three different letters or characters."""
    if not meaningful(text, minimum) or len({c for c in text.lower() if c.isalnum()}) < 3:
        return False
    cjk = chinese_characters(text)
    words = {word for word in re.findall(r"[a-z]+", text.lower()) if _VOWEL.search(word)}
    return cjk >= 3 or len(words) >= 3


def written_in(text: str) -> str | None:
    """"en" for a message in English (three or more Latin words, no Chinese), "zh" for one in
    Chinese (more Chinese characters than Latin letters, at least four), else None."""
    cjk = chinese_characters(text)
    latin = sum(1 for char in text if char.isascii() and char.isalpha())
    if cjk == 0 and len(re.findall(r"[A-Za-z]{2,}", text)) >= 3:
        return "en"
    if cjk >= 4 and cjk > latin:
        return "zh"
    return None


# An English question typed without its mark ("how long until i hear back", "will they know it
# was me"): a question word and an auxiliary, or an auxiliary and who, at its head. "When I got
# home…", "What happened was…" open accounts, not questions.
_EN_ASKS = re.compile(
    r"^(?:how (?:long|much|many|soon|often|do|does|did|will|can|is|are|should)|"
    r"what (?:happens|will|do|does|did|is|are|should|can)|"
    r"(?:when|where|why) (?:will|do|does|did|can|is|are|should)|"
    r"(?:will|can|could|would|do|does|did|is|are|should|shall) "
    r"(?:i|you|we|they|it|this|that|he|she|someone|anyone|anybody|somebody|"
    r"the (?:shop|business|restaurant|owner|boss))"
    r")\b",
    re.IGNORECASE,
)


def asks(text: str) -> bool:
    """Whether a message is put as a question (a question mark or a closing particle; in
    English also a question's head without its mark)."""
    stripped = text.strip()
    return bool(_ASKS.search(stripped) or _EN_ASKS.match(stripped))


@cache
def _status_signals() -> tuple[Signal, ...]:
    return tuple(signal for signal in default_signals()
                 if signal.intent == "status" and signal.weight > 0)


def status_words(text: str) -> bool:
    """Whether a message holds the intent rules' words of asking after a case ("怎么样了",
    "有进展吗", "my complaint", …): only then is an answer at a free step, not put as a
    question, read by the intent decision (a few regular expressions, not 0.7 ms)."""
    normalized = normalize(text)
    return any(signal.matches(normalized) for signal in _status_signals())


# "我要投诉一家餐馆", "Hi, I want to complain about a restaurant": what the person wants to do,
# and what about, before telling what happened.
_DECLARED = re.compile(
    # (after a greeting, an apology or second thoughts: "不好意思 我想了想还是要投诉")
    r"^(?:(?:你好|您好|喂|hi|hello|hey|good (?:morning|afternoon|evening)|不好意思|抱歉|对不起|嗯|"
    r"(?:我)?(?:想了想|考虑了一下|又想了想))[\s,，.。!！]*)*"
    r"(?:我|俺)?(?:还是)?(?:要|想|想要|需要|准备)?(?:投诉|举报|反映|反应)(?:一下|下)?|"
    r"^(?:(?:hi|hello|hey)[\s,.!]*)?(?:i\s+)?(?:want|would like|'d like|wanna|need)\s+to\s+"
    r"(?:complain|report|file a complaint|make a complaint|lodge a complaint|file a tip)"
    r"(?:\s+(?:about|on|against))?",
    re.IGNORECASE,
)
_DECLARED_FILLER = re.compile(
    r"[\s,，.。!！:：]+|\b(?:a|an|the|this|that|one|some|please|thanks)\b|关于|一下|一个|的|了|吧|啊|"
    # "something" ("反映个事情", "举报一个情况"), and the writer on themselves and this tool
    # ("我是个老头子", "不太会用这个", "年纪大了"): no part of what happened
    r"(?:个|件|一件)?(?:事情|事儿|事|问题|情况)|"
    r"我是(?:个|一个|一名)?(?:老头子?|老太太?|老人家?|老年人|退休(?:的|工人|职工|老师)?|"
    r"老百姓|普通(?:市民|群众|人)|市民|群众|外地人|学生|家长)|"
    r"(?:我)?(?:年纪大了|岁数大了|眼神不好|眼睛不好|字打得慢|不会打字|不(?:太|大|怎么)?会(?:用|弄)"
    r"(?:这个|手机|电脑|微信)?)|"
    r"\b(?:i'?m|i am)\s+(?:old|elderly|not good with (?:phones|computers|this))\b|"
    # the reward heard of or asked about ("听说有奖励", "是不是有奖金"; "I heard there's a
    # reward"): the reward question comes later; nothing of what happened
    r"(?:听说|听人说|据说|是不是|是否)?(?:有|能拿|能领|可以拿|可以领)?(?:奖励|奖金)(?:吗|呢|是真的吗)?|"
    r"\b(?:i )?heard (?:there'?s|there is) a reward\b|\bis there a reward\b",
    re.IGNORECASE,
)


def declared_only(text: str) -> bool:
    """Whether a first message only says what the person wants to do, and about which
    business ("我要投诉一家餐馆", "I want to complain about a restaurant"), telling nothing of
    what happened: it is no account, and "what happened?" is still to be asked."""
    found = _DECLARED.match(text.strip())
    if found is None:
        return False
    rest = text.strip()[found.end():]
    business = business_reference(rest)
    if business is not None:
        rest = rest.replace(business.said, " ").replace(business.business, " ")
    rest = KIND_AT_END.sub("", EN_KIND_WORD.sub(" ", _DECLARED_FILLER.sub(" ", rest)).strip())
    return not meaningful(rest, 2)


# "反映", "report": declared without saying whether it is one's own harm or another's practice.
_NEUTRAL_VERB = re.compile(r"反映|反应|\breport\b", re.IGNORECASE)


def declared_neutrally(text: str) -> bool:
    """Whether a first message only declares, with a verb that says neither complaint nor tip
    ("我想反映个事情", "I want to report something"): the account that follows decides."""
    found = _DECLARED.match(text.strip())
    return found is not None and bool(_NEUTRAL_VERB.search(found.group(0))) \
        and declared_only(text)


# "算了 我还是匿名举报吧", "改成投诉", "I'd rather send an anonymous tip": the person now wants
# the other kind of report.
_SWITCH_TO = {
    "tip": re.compile(
        r"(?:还是|改成?|换成?|转成?|改为|算了[\s,，。]*)(?:(?![不别没])[^，,。!！?？]){0,4}(?:匿名)?举报|"
        r"\b(?:rather|instead)\b.{0,30}\b(?:anonymous|a tip|tip)\b|"
        # "can I just send an anonymous tip instead": "instead" after what is wanted
        r"\b(?:anonymous|a tip|tip)\b.{0,20}\binstead\b|"
        r"\b(?:switch|change)\s+(?:it\s+)?to\s+(?:an?\s+)?(?:anonymous\s+)?tip\b",
        re.IGNORECASE),
    "complaint": re.compile(
        r"(?:还是|改成?|换成?|转成?|改为)(?:(?![不别没])[^，,。!！?？]){0,4}投诉|"
        r"\b(?:rather|instead)\b.{0,30}\bcomplain|\bcomplain(?:t)?\b.{0,20}\binstead\b|"
        r"\b(?:switch|change)\s+(?:it\s+)?to\s+an?\s+complaint\b",
        re.IGNORECASE),
}


def switches_to(text: str, kind: str) -> bool:
    """Whether a message asks to make this report the other kind (``kind``) instead."""
    return bool(_SWITCH_TO[kind].search(text))


def asks_in_any_form(text: str) -> bool:
    """``asks``, or a question put as "会不会…", "是不是…", "有没有…" anywhere in it."""
    return asks(text) or bool(_A_NOT_A.search(text) or _ASKED_AT_END.search(text))


def tells_beside_asking(text: str) -> bool:
    """Whether a message put as a question also tells something in a clause of its own
    ("老板让我们用过期面粉，这样合法吗？"), rather than only asking ("will my boss find out it was
    me?", "老板会不会知道是我举报的？"): only then does it join the account."""
    clauses = [c for c in CLAUSE_BREAK.split(text) if meaningful(c, 4)]
    return any(not asks_in_any_form(c) for c in clauses[:-1]) or (
        len(clauses) == 1 and not asks_in_any_form(text))


def no_photos(text: str) -> bool:
    """Whether an answer to the photo question says there are none ("我没拍照片，包子都扔了")."""
    return bool(_NO_PHOTOS.search(simplified(text)))  # "沒有照片": one for one


def going_back(text: str) -> str | None:
    """None unless the message takes the previous answer back; then what replaces it ("" when
    the person only asked to go back: "返回", "不对")."""
    stripped = text.strip()
    if stripped.lower().strip(" .。!！") in _BACK:
        return ""
    found = _CORRECTION.match(simplified(stripped))  # "不對 係幸福路88號": one for one
    if found is None:
        return None
    rest = stripped[found.end():].strip()
    # "不是很新鲜" is an answer, not a correction: the opener must stand as a clause of its own.
    if rest and not _CORRECTION_JOINT.search(found.group(0)):
        return None
    return rest


# "地址错了，是人民路88号", "商家名字也写错了，应该是张记包子店", "等一下 时间不对 是前天晚上",
# "时间改成前天", "the address is wrong, it's 88 Renmin Road": one field named as wrong, and
# (perhaps) what it should be. The field's words, by what the summary shows.
_FIELD_WORDS = {
    "business": r"商家(?:的)?(?:名字|名称)?|店(?:的)?(?:名字|名称)|店名|店铺(?:名)?|饭店名|商户|"
                r"名字|名称",
    "place": r"地址|地点|位置|门牌号?|路名|地方",
    "when": r"时间|日期|日子|哪天|几号",
    "contact": r"电话(?:号码?)?|手机号?(?:码)?|号码|联系方式|邮箱",
    "what": r"经过|内容|描述",
}
_EN_FIELD_WORDS = {
    "business": r"business(?: name)?|shop(?: name)?|restaurant(?: name)?|"
                r"name of the (?:shop|business|restaurant)",
    "place": r"address|place|location|street",
    "when": r"time|date|day",
    "contact": r"phone(?: number)?|number|e-?mail|contact",
    "what": r"account|description|story",
}
_FIELD_OPENER = (r"(?:等一?下|等等|稍等|不好意思|抱歉|哦|噢|啊|对了|还有|另外|哎呀?)?"
                 r"[\s,，。.!！~～]*")
_FIELD = "|".join(rf"(?P<{field}>{words})" for field, words in _FIELD_WORDS.items())
_FIELD_WRONG = re.compile(
    rf"^{_FIELD_OPENER}(?:把)?(?:{_FIELD})(?:也|还|好像|都)?(?:写|填|记|弄|搞|说|打)?"
    r"(?:错了|错|不对|有误|有错)了?"
    r"(?:[\s,，。.!！;；:：~～]*(?:应该是|应是|其实是|正确的是|是|系|改成|改为|换成)?[\s:：]*(?P<value>.*))?$",
    re.DOTALL,
)
_FIELD_CHANGED = re.compile(
    rf"^{_FIELD_OPENER}(?:把)?(?:{_FIELD})(?:要|请)?(?:改成|改为|换成|应该是)[\s:：]*(?P<value>.+)$",
    re.DOTALL,
)
_EN_FIELD = "|".join(rf"(?P<{field}>{words})" for field, words in _EN_FIELD_WORDS.items())
_EN_FIELD_WRONG = re.compile(
    rf"^(?:sorry|oops|wait)?[\s,.!]*(?:the\s+)?(?:{_EN_FIELD})\s+(?:is|was)\s+"
    r"(?:wrong|incorrect|not right)"
    r"(?:[\s,.;:!-]*(?:it'?s|it is|it was|it should be|should be)?\s*(?P<value>.*))?$",
    re.IGNORECASE | re.DOTALL,
)
# "wrong address, it's 12 King St", "incorrect date it was saturday": the word of wrong first.
_EN_WRONG_FIELD = re.compile(
    rf"^(?:sorry|oops|wait)?[\s,.!]*(?:the\s+|a\s+)?(?:wrong|incorrect)\s+(?:{_EN_FIELD})\b"
    # the new value after "it's" or punctuation, or straight after when it opens on a number,
    # a capital or an address ("wrong address 12 King St"; not "wrong restaurant served me")
    r"(?:(?:[\s,.;:!-]*\b(?:it'?s|it is|it was|it should be|should be|is)\s+|\s*[,.;:!-]+\s*"
    r"|\s+(?=(?-i:\S*[\dA-Z@])))(?P<value>.*))?[\s.!]*$",
    re.IGNORECASE | re.DOTALL,
)
_EN_FIELD_CHANGED = re.compile(
    rf"^(?:please\s+)?change\s+the\s+(?:{_EN_FIELD})\s+to\s+(?P<value>.+)$",
    re.IGNORECASE | re.DOTALL,
)


def field_correction(text: str) -> tuple[str, str] | None:
    """The field a message says is wrong ("business", "place", "when", "contact", "what"),
    and what it should be ("" when the message does not say); None when it names none."""
    stripped = text.strip()
    simple = simplified(stripped)  # "地址錯咗 係…": one for one, so the value is as typed
    for pattern in (_FIELD_WRONG, _FIELD_CHANGED, _EN_FIELD_WRONG, _EN_WRONG_FIELD,
                    _EN_FIELD_CHANGED):
        found = pattern.match(simple)
        if found is not None:
            field = next(name for name in _FIELD_WORDS if found.group(name))
            value = stripped[found.start("value"):found.end("value")] if found.group("value") \
                else ""
            return field, value.strip(" \t\n,，。.!！;；:：~～")
    return None


# "等等 我记错了 不是老张烧烤 是隔壁的李记烧烤", "not Golden Dragon, it was Jade Garden": the
# answer given before, named as wrong, and what it should have been.
_INSTEAD_OPENER = (rf"{_FIELD_OPENER}(?:(?:我|俺)?(?:记|说|写|搞|弄|填)?错了?[\s,，。.!！~～]*)?")
_INSTEAD_JOINT = r"[\s,，。.!！;；~～]*(?:而|应该|其实|应)?(?:是|系)(?:在)?[\s:：]*(?P<value>.+)$"
_EN_INSTEAD = (r"^(?:sorry|oops|wait|actually|no)?[\s,.!]*(?:i\s+(?:got it wrong|was wrong|"
               r"made a mistake))?[\s,.!]*(?:it\s+(?:was|is)\s+)?not\s+(?:at\s+|the\s+)?{old}"
               r"[\s,.;!-]*(?:(?:it\s+)?(?:was|is)|but)\s+(?:at\s+)?(?:the\s+)?(?P<value>.+)$")


def names_instead(text: str, old: str) -> str | None:
    """What a message says an earlier answer ``old`` should have been ("我记错了 不是老张烧烤
    是隔壁的李记烧烤": 隔壁的李记烧烤), as typed; None when it does not name ``old`` as wrong."""
    if not old or len(old) < 2:
        return None
    stripped, simple_old = text.strip(), re.escape(simplified(old))
    found = re.match(rf"^{_INSTEAD_OPENER}不是(?:在)?{simple_old}(?:的)?{_INSTEAD_JOINT}",
                     simplified(stripped), re.DOTALL) or re.match(
        _EN_INSTEAD.format(old=re.escape(old)), stripped, re.IGNORECASE | re.DOTALL)
    if found is None:
        return None
    return stripped[found.start("value"):found.end("value")].strip(" \t\n,，。.!！;；~～") \
        or None


# "算了 我还是不投诉了", "不想举报了", "never mind, I don't want to complain anymore": the person
# no longer wants to file, said as the whole message (not "老板说投诉也没用 我不投诉了他就…").
_WITHDRAW_FILLER = (r"[\s,，。.!！~～…]|算了|还是|我|俺|那|就|先|吧|啦|了|哦|嗯|唉|哎|好吧|"
                    r"不好意思|谢谢|太麻烦|麻烦")
_WITHDRAWS = re.compile(
    rf"^(?:{_WITHDRAW_FILLER})*(?:不|不想|不要|不用|别|没必要)(?:再)?(?:投诉|举报|登记|反映)"
    rf"(?:了|啦)?(?:{_WITHDRAW_FILLER})*$|"
    r"^(?:ok(?:ay)?|sorry|actually|so)?[\s,.!]*(?:never\s?mind|forget it|i(?:'ve| have)? changed "
    r"my mind|i\s+(?:don'?t|do not)\s+want\s+to\s+(?:complain|report|file|do\s+this)"
    r"(?:\s+(?:it|anymore|any more|after all))*)(?:[\s,.!]+(?:thanks|thank you|sorry|"
    r"i\s+(?:don'?t|do not)\s+want\s+to\s+(?:complain|report|file)(?:\s+(?:anymore|any more))?))*"
    r"[\s.!]*$",
    re.IGNORECASE,
)


def withdraws(text: str) -> bool:
    """Whether a whole message says the person no longer wants to file this report."""
    return bool(_WITHDRAWS.match(simplified(text.strip())))


def declines(text: str) -> bool:
    """Whether a message (with no contact in it) says the person will not leave one."""
    return bool(_DECLINE.search(simplified(text)))


# "我回来了 刚才说到哪了", "where were we", "I'm back": a person back after leaving mid-report
# asks where things stand, and tells nothing a step could take as its answer.
_BACK_FILLER = (r"[\s,，。.!！?？~～…]|你好|您好|喂|嗯|哦|好的|好|那个|那|我们|咱们|不好意思|"
                r"抱歉|了|吧|啊|呀|呢|吗|哈|\b(?:hi|hello|hey|ok|okay|sorry|so|right|um+|now|then|please)\b")
_BACK_SAID = (r"(?:我|俺)?(?:又|已经)?回来了|(?:刚才|刚刚|之前|上次)?(?:说|填|弄|登记|写)到"
              r"(?:哪一步|哪步|哪儿|哪里|哪)|到哪(?:一)?步|继续(?:填|登记)?|接着(?:来|填|登记)?|"
              r"刚才(?:有事|走开|断线)|"
              r"\b(?:i'?m back|i am back|back again|where (?:were we|was i)|"
              r"where did we (?:stop|leave off)|we (?:were|are) at|"
              r"(?:let'?s )?(?:continue|carry on|go on)|about that|i was away)\b")
_RETURNING = re.compile(rf"^(?:{_BACK_FILLER})*(?:(?:{_BACK_SAID})(?:{_BACK_FILLER})*)+$",
                        re.IGNORECASE)


def returning(text: str) -> bool:
    """Whether a message only says the person is back and asks where things stand."""
    return bool(_RETURNING.match(text.strip()))


# "还有一点忘了说 …", "补充一下 …", "one more thing: …": a message that adds to what was told.
_ADDING = re.compile(
    r"^(?:[\s,，。.!！~～]|对了|哦|噢|嗯|那个|我)*"
    r"(?:补充|还要补充|(?:还有|另外)(?:一点|一件事|个情况|一个情况|个事)|(?:刚才|之前|上次)?(?:忘了|忘记|漏了)(?:说|讲|写)|"
    r"\b(?:one more thing|i forgot to (?:say|mention|add)|to add|also)\b)",
    re.IGNORECASE,
)


def adds_more(text: str) -> bool:
    """Whether a message opens by adding to what was told ("还有一点忘了说 我家孩子也吃了",
    "补充一下", "one more thing"), read in simplified characters ("還有一點忘了說")."""
    return bool(_ADDING.search(simplified(text)))
