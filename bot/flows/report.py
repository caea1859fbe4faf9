"""The complaint (投诉) and tip (举报) flows: one step function per question.

Both fill the same draft (what happened → business and place → when → photos → contact →
summary → submit); the draft's ``kind`` decides the differences: a tip starts with the
anonymity notice, never asks who the person is and takes a contact only for a reward; a
complaint needs a contact, and says why (mediation). Each ``ask_*`` function prompts for a
state, each ``on_*`` function reads the answer and returns the next state.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Callable
from dataclasses import replace
from datetime import date, timedelta
from typing import Any

from bot import notifier, staging
from bot.businesses import (
    business_answer,
    business_reference,
    known_beside_forgetting,
    names_a_place,
    only_a_kind_at_a_place,
    only_a_place,
    picks_by_kind,
    place_after,
    split_business_place,
)
from bot.characters import has_chinese, meaningful, simplified
from bot.contacts import mask_contact, parse_contact
from bot.flows import question, status
from bot.flows.common import (
    SURE_ENOUGH,
    bureau_label,
    label_key,
    leave_draft,
    menu_buttons,
    reset_draft,
    staged_tokens,
)
from bot.receipts import receipt_in, without_receipt
from bot.signals import (
    MIN_WHAT,
    asks,
    asks_in_any_form,
    declared_neutrally,
    declared_only,
    declines,
    field_correction,
    going_back,
    names_instead,
    no_photos,
    reads_as_words,
    returning,
    status_words,
    switches_to,
    tells_beside_asking,
)
from bot.states import State
from bot.turn import Turn
from bot.when import When, forgets_when, parse_when, time_at_head, time_clause
from intake.deadlines import load_policy
from intake.drafts import CaseDraft, ContactDetails, NewAttachment, ReporterIdentity, Submission
from intake.errors import AttachmentRejected, ContactRequired, IntakeError
from intake.service import submit_case
from intake.uploads import prepare_attachment
from knowledge.intent import classify_intent

log = logging.getLogger(__name__)

MAX_WHAT = 4500
MAX_BUSINESS = 200
MAX_PLACE = 300
MAX_WHEN_TEXT = 200
MAX_PHOTOS = 5
SUMMARY_WHAT_CHARS = 300

_DONE_WORDS = frozenset({"完成", "好了", "发完了", "done", "finished", "ok", "好"})
_SKIP_WORDS = frozenset({"跳过", "没有", "无", "不用", "skip", "no", "none", "没"})
_SUBMIT_WORDS = frozenset({"确认", "提交", "确认提交", "对", "是", "好", "ok", "yes", "submit"})
_CONTINUE_WORDS = frozenset({"继续", "好", "好的", "是", "ok", "yes", "continue", "嗯"})


def _word(turn: Turn) -> str:
    """The answer as a word to compare with a step's own words, in simplified characters
    ("沒有", "繼續", "確認" are 没有, 继续, 确认)."""
    return simplified(turn.text).lower().strip(" .。!！")


# ---- starting -------------------------------------------------------------------------------


def start_report(turn: Turn, kind: str, account: str | None = None) -> State:
    """Begin a complaint or tip; an account already given fills "what happened"."""
    leave_draft(turn)
    turn.data["kind"] = kind
    account = (account or "").strip()
    if account and declared_only(account):
        # "我要投诉一家餐馆": no account yet; the business it names is offered later.
        _prefill_business(turn, account)
        if declared_neutrally(account):  # "我想反映个事情": the account decides which
            turn.data["kind_undecided"] = True
        account = ""
    if MIN_WHAT <= len(account) <= MAX_WHAT and meaningful(account, MIN_WHAT // 2):
        turn.data["what"] = account
        _prefill_business(turn, account)
    if kind == "tip":
        return State.TIP_NOTICE
    if "what" in turn.data:
        turn.say("complaint_prefilled", what=_clip(turn.data["what"], SUMMARY_WHAT_CHARS))
        return State.REPORT_BUSINESS
    turn.say("complaint_start")
    return State.REPORT_WHAT


# Steps whose answer is a button, a photo or a contact: a question put there is never the
# answer, so it is answered (the free steps take one only when the intent reads a question).
_CLOSED_STEPS = frozenset({State.TIP_NOTICE, State.REPORT_PHOTOS, State.REPORT_REWARD,
                           State.REPORT_CONTACT, State.REPORT_CONFIRM})


def _asked_aside(turn: Turn, state: State) -> bool:
    """A question put in the middle of a report ("奖励是多少？", "会被老板发现吗？"):
    answered from the knowledge base, the draft kept, the step's question asked again.
    At a step whose answer is a button, a photo or a contact, anything put as a question is
    one, and what it also tells ("老板用过期面粉，这样算违法吗？") joins the account, so
    nothing typed is lost; at a free step (the account, business, date) only a question with
    nothing told is taken for one, since there the message is most likely the answer."""
    if turn.button or turn.incoming.attachments or not turn.text:
        return False
    closed, put_as_question = state in _CLOSED_STEPS, asks(turn.text)
    only_asked = _only_asked(turn, state)
    if not (closed or put_as_question or only_asked or status_words(turn.text)):
        return False  # an account, a name, a date: not read by the intent decision (0.7 ms)
    decision = classify_intent(turn.text)
    told = decision.tells_a_matter()
    if decision.intent == "status" and decision.confidence >= SURE_ENOUGH and not told:
        # "我之前那个投诉怎么样了" (often put without a question mark): how to check a case,
        # this one and an earlier one, rather than a date, a business or an account.
        turn.say("status_aside", turn.btn("btn_status", "menu:status"))
    else:
        asked = decision.intent == "question"
        # At the business and date questions, a question that tells nothing in a clause of its
        # own is one even when a word of filing scored ("举报有奖励吗 能给多少"); at the account,
        # a question that tells is most likely the account ("吃出苍蝇怎么办？").
        only_asks = state is not State.REPORT_WHAT and not tells_beside_asking(turn.text)
        taken = (asked or put_as_question) if closed else (
            (asked and put_as_question and (not told or only_asks)) or only_asked)
        if not (taken and question.answer_aside(turn, turn.text)):
            if not ((closed or only_asked) and asks_in_any_form(turn.text)
                    and meaningful(turn.text, 2)):
                return False
            # "你们会不会去查他们？查了会告诉我吗": a question the base cannot answer is still
            # not the step's answer; what can be said here is what happens next.
            if turn.data.get("kind") == "tip":  # what a tipster fears: being found out
                turn.say("question_not_here_tip",
                         account=turn.t(turn.incoming.surface.not_kept))
            else:
                turn.say("question_not_here")
        if told and meaningful(turn.text, MIN_WHAT) and tells_beside_asking(turn.text):
            if "what" in turn.data:
                _add_to_account(turn, turn.text)
            else:
                turn.data["what"] = turn.text[:MAX_WHAT]
            turn.say("added_to_account")
            return _resume(turn, state, changed=True)
    return _resume(turn, state)


def _only_asked(turn: Turn, state: State) -> bool:
    """At the business and date questions, a message put as a question in any form that tells
    nothing in a clause of its own and names no business ("要是老板知道是我举报的怎么办 会不会被
    开除"): it cannot be the answer, whatever the intent rules read in it (a tipster's worry
    reads as a tip), so it is answered aside. The time, a place or a business in it is the
    answer ("是不是幸福路那家", read before); "hello?" is no words of a question."""
    return state in (State.REPORT_BUSINESS, State.REPORT_WHEN) and reads_as_words(turn.text) \
        and asks_in_any_form(turn.text) and not tells_beside_asking(turn.text) \
        and business_answer(turn.text) is None and business_reference(turn.text) is None


def _resume(turn: Turn, state: State, *, changed: bool = False) -> bool:
    """After an answer aside, the step's question again; at the summary in short (not
    submitted, nothing lost: submit, see it again, cancel), unless the aside ``changed`` it."""
    if state is State.REPORT_CONFIRM and not changed:
        turn.brief = True
        turn.again()
    else:
        turn.again("resume_tip" if turn.data.get("kind") == "tip" else "resume_complaint")
    return True


# Every step of a report: a receipt typed at any of them is looked up there (receipt_aside).
REPORT_STEPS = frozenset({State.TIP_NOTICE, State.REPORT_WHAT, State.REPORT_BUSINESS,
                          State.REPORT_WHEN, State.REPORT_PHOTOS, State.REPORT_REWARD,
                          State.REPORT_CONTACT, State.REPORT_CONFIRM})


def returned(turn: Turn, state: State) -> bool:
    """A person back mid-report who asks where things stand ("我回来了 刚才说到哪了", "where
    were we"): told that nothing is lost, and the step's question asked again; not its answer
    ("刚才" is no time, "I'm back" no business). The tip's notice is no step of the report yet."""
    if state not in REPORT_STEPS or state is State.TIP_NOTICE or not turn.text \
            or turn.incoming.attachments \
            or not returning(turn.text):
        return False
    return _resume(turn, state)


def receipt_aside(turn: Turn, state: State) -> bool:
    """A receipt typed in the middle of a report (an earlier case, checked while this one is
    written): the case is shown as "查进度" shows it, the draft kept and the step's question
    asked again. The message itself is never an answer: a receipt is the person's only key to
    a case and must not reach a case's text (where staff, and a reply, would read it); when it
    said more than the receipt, the person is asked to send that part again."""
    if state not in REPORT_STEPS or turn.button or not turn.text:
        return False
    receipt = receipt_in(turn.text)
    if receipt is None:
        return False
    if turn.incoming.attachments:  # a photo captioned with the receipt: the photo is kept
        _stage_photos(turn, at_photo_step=False)
    status.glance(turn, receipt)
    rest = without_receipt(turn.text, receipt)
    if reads_as_words(rest, 3) and classify_intent(rest).tells_a_matter():
        # "…这次又在同一家店吃出了头发" was meant for this report; "…那个怎么样了" was not
        turn.say("receipt_not_kept")
    return _resume(turn, state)


def _add_to_account(turn: Turn, addition: str) -> None:
    turn.data["what"] = (turn.data.get("what", "") + "\n" + addition)[:MAX_WHAT]
    if "business" not in turn.data:
        _prefill_business(turn, addition)  # the business named in the rest of the account


def _more_of_the_account(turn: Turn, *, surely: bool = True) -> bool:
    """The account sent in several messages ("昨天买的盒饭" / "吃了以后全家都拉肚子"): a
    message at the business or date question that tells more of what happened, and names no
    place (nor, at the date question, a day), is added to the account; the question stays.
    Not ``surely``: a message that cannot be the step's answer at all (no time in it at the
    date question) joins the account on any complaint or tip reading, place or not."""
    if turn.button or not meaningful(turn.text, MIN_WHAT):
        return False
    if surely and names_a_place(turn.text):
        return False
    decision = classify_intent(turn.text)
    if surely and (decision.intent not in ("complaint", "tip")
                   or decision.confidence < SURE_ENOUGH):
        return False
    if not surely and not decision.tells_a_matter():
        return False
    _add_to_account(turn, turn.text)
    turn.again("added_to_account")
    return True


def _previous(turn: Turn, state: State) -> State | None:
    """The question before ``state`` in the flow (a tip's contact follows the reward)."""
    tip = turn.data.get("kind") == "tip"
    return {
        State.REPORT_BUSINESS: State.REPORT_WHAT,
        State.REPORT_WHEN: State.REPORT_BUSINESS,
        State.REPORT_PHOTOS: State.REPORT_WHEN,
        State.REPORT_REWARD: State.REPORT_PHOTOS,
        State.REPORT_CONTACT: State.REPORT_REWARD if tip else State.REPORT_PHOTOS,
    }.get(state)


def _went_back(turn: Turn, state: State) -> State | None:
    """"返回" asks the previous question again; "不对，应该是幸福路21号" answers it again with
    what follows (the account is amended, never replaced); while correcting one field from
    the summary, either goes back to the summary. None when the message is not that."""
    if turn.button or not turn.text:
        return None
    rest = going_back(turn.text)
    if rest is None:
        return None
    if turn.data.get("editing"):
        if rest:  # "不对，是幸福路21号" while correcting this field: the new answer
            turn.incoming = replace(turn.incoming, text=rest)
            return None
        turn.data.pop("editing")
        turn.say("back_to_summary")
        return State.REPORT_CONFIRM
    previous = _previous(turn, state)
    if previous is None:
        return None
    if not rest:
        turn.say("back_step")
        return previous
    if previous is State.REPORT_WHAT:
        turn.data["what"] = (turn.data.get("what", "") + turn.t("what_amended", rest=rest))[
            :MAX_WHAT]
        turn.again("corrected", value=_clip(rest, 60))
        return state
    if previous is State.REPORT_BUSINESS and turn.data.get("business") and only_a_place(rest):
        # "不对，应该是幸福路21号": the place was wrong, not the business's name.
        rest = f"{turn.data['business']} {rest}"
    turn.incoming = replace(turn.incoming, text=rest)
    following = _READERS[previous](turn)
    if following is state:
        turn.again("corrected", value=_clip(rest, 60))
    return following


_FIELD_STATES = {"business": State.REPORT_BUSINESS, "place": State.REPORT_BUSINESS,
                 "when": State.REPORT_WHEN, "contact": State.REPORT_CONTACT,
                 "what": State.REPORT_WHAT}


def _field_corrected(turn: Turn, state: State) -> State | None:
    """"地址错了，是人民路88号", "商家名字也写错了，应该是张记包子店", "等一下 时间不对 是前天晚上"
    at a later step or at the summary: that field is answered again with what follows (its
    question asked again when nothing does, at the summary), then the step (or the summary)
    comes back; a business corrected keeps its place, and a place joins its business. None
    when the message names no field, or one this report has not reached or does not keep."""
    if turn.button or not turn.text:
        return None
    found = field_correction(turn.text) or _named_instead(turn)
    if found is None:
        return None
    field, value = found
    target = _FIELD_STATES[field]
    reached = {"business": "business" in turn.data, "place": "business" in turn.data,
               "when": "when_text" in turn.data, "contact": "contact" in turn.data,
               "what": "what" in turn.data}[field]
    at_summary = state is State.REPORT_CONFIRM
    if not reached or target is state or (not value and not at_summary):
        return None
    if not value:  # "时间不对": that question, then back to the summary
        turn.data["editing"] = True
        return target
    if field == "what":
        turn.data["what"] = (turn.data["what"] + turn.t("what_amended", rest=value))[:MAX_WHAT]
        turn.again("field_corrected", value=_clip(value, 60))
        return state
    business, place = turn.data.get("business"), turn.data.get("place")
    if field == "place" and business:
        joint = " " if has_chinese(value) else ", "  # "Lucky Mart, 5 Main St"
        value = f"{business}{joint}{value}" if only_a_place(value) else value
    turn.data["editing"] = True
    turn.incoming = replace(turn.incoming, text=value)
    following = _READERS[target](turn)
    if following is target:  # not an answer to that question: it is asked, then the summary
        turn.data["editing"] = at_summary
        return target
    turn.data.pop("editing", None)
    if field == "business" and place and not turn.data.get("place"):
        turn.data["place"] = place  # "应该是张记包子店": the name was wrong, not where it is
    turn.again("field_corrected", value=_clip(value, 60))
    return state


def _named_instead(turn: Turn) -> tuple[str, str] | None:
    """"等等 我记错了 不是老张烧烤 是隔壁的李记烧烤": the business (or its place) given before,
    named as wrong, and what it should be, as a field correction says it."""
    for field in ("business", "place"):
        value = names_instead(turn.text, turn.data.get(field) or "")
        if value:
            return field, value
    return None


def _switched_kind(turn: Turn, state: State) -> State | None:
    """"算了 我还是匿名举报吧" during a complaint (or "我还是投诉吧" during a tip), at a step
    that reads free text: the report becomes that kind, what was told stays; a tip gets its
    notice first (the rest of the message is not kept: the notice says what not to write), a
    complaint asks the same question again. None when the message asks for no switch."""
    if turn.button or not turn.text:
        return None
    other = "tip" if turn.data.get("kind") == "complaint" else "complaint"
    if not switches_to(turn.text, other):
        return None
    turn.data["kind"] = other
    turn.data.pop("contact", None)
    turn.data.pop("reward", None)
    if other == "tip":
        turn.say("kind_switched_tip" if "what" in turn.data else "kind_now_tip_plain")
        return State.TIP_NOTICE
    turn.again("kind_switched_complaint")
    return state


def _after(turn: Turn, following: State) -> State:
    """The next step, or back to the summary when the person was correcting one field."""
    if turn.data.pop("editing", False):
        return State.REPORT_CONFIRM
    return following


# ---- tip notice -----------------------------------------------------------------------------


def ask_tip_notice(turn: Turn) -> None:
    if turn.reprompt:  # the notice is just above: only the choice again, not its five lines
        turn.say("tip_notice_again", turn.btn("btn_tip_continue", "tip:go"),
                 turn.btn("btn_cancel", "cancel"))
        return
    # What is true of the platform comes from its adapter: telling a tipster on the web chat
    # that "Telegram can see this chat" and to go to the web form (where they already are),
    # or one at a terminal the Telegram notice, was wrong and unsettling.
    turn.say(turn.incoming.surface.tip_notice, turn.btn("btn_tip_continue", "tip:go"),
             turn.btn("btn_cancel", "cancel"), web=turn.settings.base_url.rstrip("/") + "/tip")


def on_tip_notice(turn: Turn) -> State:
    if turn.button == "tip:go" or (not turn.button and _word(turn) in _CONTINUE_WORDS):
        return State.REPORT_BUSINESS if "what" in turn.data else State.REPORT_WHAT
    if turn.button:
        turn.again("stale_button")
        return State.TIP_NOTICE
    if _asked_aside(turn, State.TIP_NOTICE):  # "会被老板发现吗？" is not the account
        return State.TIP_NOTICE
    if not reads_as_words(turn.text):
        # "asdfghjkl", a lone 👍: not an account; whoever has not given one is asked for it
        # here (the next message is read as the account, as when they go straight on).
        if "what" in turn.data:
            turn.again()
        else:
            ask_what(turn)
        return State.TIP_NOTICE
    if "what" in turn.data:
        # The account came with the first message: this is more of it, never a replacement.
        _add_to_account(turn, turn.text)
        turn.say("added_to_account")
        return State.REPORT_BUSINESS
    return on_what(turn)  # they went straight on to tell us: the account


# ---- what happened --------------------------------------------------------------------------


def ask_what(turn: Turn) -> None:
    turn.say("ask_what_tip" if turn.data.get("kind") == "tip" else "ask_what_complaint",
             turn.btn("btn_cancel", "cancel"))


def on_what(turn: Turn) -> State:
    current = State.REPORT_WHAT
    if turn.incoming.attachments and not turn.text:
        _stage_photos(turn)
        turn.again()
        return current
    if turn.button:
        turn.again("stale_button")
        return current
    back = _went_back(turn, current) or _switched_kind(turn, current)
    if back is not None:
        return back
    if _asked_aside(turn, current):
        return current
    if _word(turn) in _CONTINUE_WORDS:  # "继续" after an answer aside: the question again
        turn.again()
        return current
    if not reads_as_words(turn.text, MIN_WHAT // 2):
        # "asdfasdf", "啊啊啊啊啊", "。。。。": no account, so none is taken; the question
        # again, with what to write (a short real one, "面里有苍蝇", is only asked for more).
        turn.again("what_unclear")
        return current
    if len(turn.text) < MIN_WHAT:
        turn.again("what_too_short", min=MIN_WHAT)
        return current
    if len(turn.text) > MAX_WHAT:
        turn.again("too_long", limit=MAX_WHAT)
        return current
    turn.data["what"] = turn.text
    if turn.incoming.attachments:
        _stage_photos(turn)
    _prefill_business(turn, turn.text)
    told = _kind_told(turn) if turn.data.pop("kind_undecided", False) else None
    return told or _after(turn, State.REPORT_BUSINESS)


def _kind_told(turn: Turn) -> State | None:
    """After "我想反映个事情" began a report of the kind the intent rules guessed, the account
    decides: one's own harm ("吃了碗面 回来就拉肚子") is a complaint, another's practice seen
    from inside ("老板让我们别说出去") a tip, each when the account reads surely so. The new
    kind is said, and a tip gets its notice first; None when the kind stays."""
    decision = classify_intent(turn.data["what"])
    kind = turn.data.get("kind")
    if decision.intent not in ("complaint", "tip") or decision.intent == kind \
            or decision.confidence < _TELLS_MORE:
        return None
    turn.data["kind"] = decision.intent
    if decision.intent == "tip":
        turn.say("kind_now_tip")
        return State.TIP_NOTICE
    turn.say("kind_now_complaint")
    return State.REPORT_BUSINESS


def _prefill_business(turn: Turn, account: str) -> None:
    """The business the account speaks of, offered at the business question as said
    ("幸福路的老王面馆"), kept as the case keeps it (老王面馆, 幸福路). One it only points at
    ("那家面馆", "楼下的店", "the noodle shop") identifies none: offered only as what the person
    knows, under a question for its name and address (``prefill_vague``)."""
    found = business_reference(account)
    if found is None:
        return
    only_pointed = turn.data.get("prefill_vague") or turn.data.get("prefill_chain")
    if "prefill_business" in turn.data and not (found.identifies and only_pointed):
        return  # the first one stays, unless it only pointed and this one names it
    for key in ("prefill_fields", "prefill_vague", "prefill_chain"):
        turn.data.pop(key, None)
    turn.data["prefill_business"] = found.said
    if (found.business, found.place) != (found.said, None):
        turn.data["prefill_fields"] = [found.business, found.place]
    if found.chain:  # "星巴克": which of its shops is asked
        turn.data["prefill_chain"] = True
    elif not found.identifies:
        turn.data["prefill_vague"] = True


# ---- business and place ---------------------------------------------------------------------


def ask_business(turn: Turn) -> None:
    if not turn.reprompt:  # come to afresh (on from the account, back, or from the summary)
        for key in ("business_pressed", "business_said", "business_chain"):
            turn.data.pop(key, None)
    buttons = []
    prefill = turn.data.get("prefill_business")
    vague = bool(prefill and turn.data.get("prefill_vague"))
    said = turn.data.get("business_said")  # typed here, but naming none of them
    chain = turn.data.get("business_chain") if said else turn.data.get("prefill_chain")
    if prefill and not (vague and said):
        buttons.append(turn.btn("btn_only_know_business" if vague else "btn_use_business",
                                "biz:use", business=prefill))
    if said:
        buttons.append(turn.btn("btn_use_business" if chain else "btn_only_know_business",
                                "biz:said", business=said))
    buttons.append(turn.btn("btn_unknown_business", "biz:unknown"))
    if chain:  # "星巴克": which of its shops?
        turn.say("ask_business_branch", *buttons, business=said or prefill)
    elif said or vague:  # "那家面馆" names none: its name and address are asked for
        turn.say("ask_business_which", *buttons, business=said or prefill)
    elif turn.data.get("business_pressed"):  # "不知道叫啥": where it is, then
        turn.say("ask_business_where", *buttons)
    else:
        turn.say("ask_business", *buttons)


def on_business(turn: Turn) -> State:
    offered = turn.data.get("prefill_business")
    if offered and (turn.button == "biz:use" or (
            not turn.button and picks_by_kind(turn.text, offered))):  # "应该是面馆": 老李面馆
        business, place = turn.data.get("prefill_fields") or (turn.data["prefill_business"], None)
        turn.data["business"], turn.data["place"] = business, place
    elif turn.button == "biz:said" and turn.data.get("business_said"):
        turn.data["business"], turn.data["place"] = turn.data["business_said"], None
    elif turn.button == "biz:unknown":
        turn.data["business"], turn.data["place"] = None, None
    elif turn.button:
        turn.again("stale_button")
        return State.REPORT_BUSINESS
    elif (back := _went_back(turn, State.REPORT_BUSINESS)
          or _switched_kind(turn, State.REPORT_BUSINESS)) is not None:
        return back
    elif not names_a_place(turn.text) and (_asked_aside(turn, State.REPORT_BUSINESS)
                                           or _more_of_the_account(turn)):
        # (an answer naming a place is the answer: no intent reading spent on it)
        return State.REPORT_BUSINESS
    elif len(turn.text) < 2 or not meaningful(turn.text, 2):
        turn.again("business_unclear")
        return State.REPORT_BUSINESS
    elif len(turn.text) > MAX_BUSINESS + MAX_PLACE:
        turn.again("too_long", limit=MAX_BUSINESS + MAX_PLACE)
        return State.REPORT_BUSINESS
    elif (named := _names_none(turn)) == "ask":
        return State.REPORT_BUSINESS
    elif named == "unknown":  # "不知道": what was said before it, if anything, is kept
        turn.data["business"], turn.data["place"] = _named_before(turn)[0], None
    elif named == "unnamed here":  # "不知道叫啥 就在学校对面": the account's shop, and where
        prefill = turn.data.get("prefill_fields") or [turn.data.get("prefill_business"), None]
        turn.data["business"] = prefill[0]
        turn.data["place"] = known_beside_forgetting(turn.text)[:MAX_PLACE] or prefill[1]
    else:
        business, place = split_business_place(turn.text)
        business, place = _cleaned(turn.text, business, place)
        business = _LEAD_IN.sub("", business) or business  # "It's the Spicy Garden"
        _tells_more(turn)
        said, chain = _named_before(turn)
        if said and (only_a_place(turn.text) or (chain and said not in turn.text)):
            # "楼下的饭馆" then "幸福路上", "星巴克" then "人民路店": both kept
            business, place = said, turn.text
        turn.data["business"] = business[:MAX_BUSINESS]
        turn.data["place"] = place[:MAX_PLACE] if place else None
    for key in ("business_pressed", "business_said", "business_chain"):
        turn.data.pop(key, None)
    return _after(turn, State.REPORT_WHEN)


# "It's the …", "就是…": how an answer begins, not part of the business's name.
_LEAD_IN = re.compile(r"^(?:(?:it'?s|it is|it was|that'?s|this is)\s+(?:the\s+|a\s+)?|就是)",
                      re.IGNORECASE)
# An answer this long may tell more than which business it was; it does when it reads this
# surely as a complaint or tip ("…吃完全家都拉肚子" 0.92; "幸福路12号 老王面馆，就在公交站旁边，
# 门口有个大招牌", only where it is, 0.63).
_LONG_ANSWER = 16
_TELLS_MORE = 0.75


def _tells_more(turn: Turn) -> None:
    """An answer naming the business that also tells what happened ("昨天中午在幸福路的老王面馆
    吃的牛肉面，吃完全家都拉肚子"): taken as the business, and added to the account too, so the
    rest is not lost (one intent reading, for long answers only)."""
    if len(turn.text) < _LONG_ANSWER:
        return
    decision = classify_intent(turn.text)
    if decision.intent in ("complaint", "tip") and decision.confidence >= _TELLS_MORE:
        _add_to_account(turn, turn.text)
        turn.say("added_to_account")


def _cleaned(answer: str, business: str, place: str | None) -> tuple[str, str | None]:
    """The business's name and place in a rambling Chinese answer, as the account reader
    finds them: "这家店叫什么我不敢说太细，就在万达广场三楼那家川菜馆" is 川菜馆 at 万达广场三楼,
    "就是那个老张包子铺啊 在幸福路上" is 老张包子铺 (at 在幸福路上); "老王面馆二店" stays."""
    if not has_chinese(answer):
        return business, place
    found = business_reference(answer)
    if found is None or not found.identifies:
        return business, place
    if found.place is not None:
        return found.business, found.place
    if place is None and (after := place_after(answer, found.business)) is not None:
        return found.business, after  # "名字叫华联超市在建设和平路那边"
    if business.rstrip("啊呀吧呢嘛哦。.!！ ").endswith(found.business):
        return found.business, place
    if place and found.business in place and business_reference(business) is None:
        # "前天在我们小区门口那个美味面馆吃了碗面 回来就拉肚子": the business was in the part
        # taken for a place, and the rest names none ("联华超市 人民路店" stays as it is)
        return found.business, None
    return business, place


def _named_before(turn: Turn) -> tuple[str | None, bool]:
    """What the person has said of the business that names none of them (typed at this
    question, or in the account: "那家面馆", "星巴克"), and whether it is a chain's name; an
    answer that only says where joins it."""
    if turn.data.get("business_said"):
        return turn.data["business_said"], bool(turn.data.get("business_chain"))
    if turn.data.get("prefill_vague") or turn.data.get("prefill_chain"):
        fields = turn.data.get("prefill_fields") or [turn.data.get("prefill_business")]
        return fields[0], bool(turn.data.get("prefill_chain"))
    return None, False


def _business_named_late(turn: Turn) -> str | None:
    """A business named at "when?", alone or beside the time ("昨天放学 那个摊子好像叫阿芳小吃"),
    after "不清楚" or a pointer at the business question: it answers that question, so it fills
    the business field (a place said before keeps its place); a business already named stays,
    and so does one only pointed at again. What it was taken as, or None."""
    business = turn.data.get("business")
    if business and business_answer(business) is None:
        return None
    found = business_reference(turn.text)
    if found is None or not found.identifies or found.chain or (
            business and only_a_kind_at_a_place(found.business)):
        return None  # "那家摊子" then "和平路菜市场": where the stall is (its place)
    turn.data["business"] = found.business[:MAX_BUSINESS]
    turn.data["place"] = (found.place or turn.data.get("place") or "")[:MAX_PLACE] or None
    return _clip(found.said, 60)


# Inside an answer, what ends a sentence: an answer that holds one tells, it does not name.
_SENTENCE_INSIDE = re.compile(r"[，。！？,!?；;]")


def _business_late(turn: Turn) -> bool:
    """The business's name or place given at "when?", after "不清楚" or a pointer at the
    business question ("就是和平路菜市场"): it answers that question, so it fills the business
    (or its place) and "when?" is asked again; a business already named stays. A sentence is
    no such answer ("我们店里用地沟油炸油条，老板让我们别说出去" tells what happened)."""
    named = _business_named_late(turn)
    if named is not None:
        turn.again("corrected", value=named)
        return True
    if not names_a_place(turn.text) or business_answer(turn.text) is not None:
        return False
    business, said = turn.data.get("business"), _LEAD_IN.sub("", turn.text) or turn.text
    if _SENTENCE_INSIDE.search(said.strip("，。！？,.!?；; ")):
        return False
    if business and not turn.data.get("place") and (
            only_a_place(turn.text) or business_answer(business) is not None):
        turn.data["place"] = said[:MAX_PLACE]  # "那家摊子" at "和平路菜市场": both kept
    elif business is None and not only_a_place(turn.text):
        named, place = _cleaned(turn.text, *split_business_place(turn.text))
        turn.data["business"] = (_LEAD_IN.sub("", named) or named)[:MAX_BUSINESS]
        turn.data["place"] = place[:MAX_PLACE] if place else None
    else:
        return False
    turn.again("corrected", value=_clip(said, 60))
    return True


def _names_none(turn: Turn) -> str | None:
    """An answer that names no business: "那家店", "楼下的饭馆", "不知道叫啥", or a chain
    ("星巴克"). Staff cannot find "那家店" (nor which 星巴克), so its name or address is asked
    for once more ("ask"), with the buttons to
    keep what was said or say "I don't know"; an honest "不知道", at once or to that second
    question, moves on ("unknown"), keeping what was said; "不知道叫啥 就在学校对面" keeps the
    account's business and where it is ("unnamed here"). None: the answer is taken."""
    reading = business_answer(turn.text)
    # Asked for its name and address already: here, or by the account's "那家面馆".
    pressed = bool(turn.data.get("business_pressed") or turn.data.get("prefill_vague"))
    if reading == "unknown" or (reading == "no name" and pressed) or (
            reading == "pointer" and pressed and forgets_when(turn.text)):
        return "unknown"  # "不晓得叫个啥 就是菜市场东头": all they know is what they said
    beside = known_beside_forgetting(turn.text)
    if forgets_when(turn.text) and beside and (
            reading == "pointer" or (reading is None and only_a_place(beside))):
        # "不知道叫啥 就在学校对面", "就在万达广场负一楼 名字不记得了": where it is, no name
        return "unnamed here"
    if reading is None or pressed:
        return None  # a name or a place, or a pointer given twice: taken as it is
    prefill = turn.data.get("prefill_business", "")
    if turn.data.get("prefill_vague") and label_key(turn.text) == label_key(prefill):
        return None  # the account's own "那家面馆" again: all they know, taken
    turn.data["business_pressed"] = True
    if reading in ("pointer", "chain"):
        turn.data["business_said"] = turn.text[:MAX_BUSINESS]
        turn.data["business_chain"] = reading == "chain"
    turn.again()
    return "ask"


# ---- when -----------------------------------------------------------------------------------


def ask_when(turn: Turn, key: str = "ask_when") -> None:
    buttons = [turn.btn("btn_today", "when:0"), turn.btn("btn_yesterday", "when:1")]
    told = _day_in_account(turn)
    if told is not None and (turn.today - told).days > 1:  # "last Friday" in the account
        turn.data["when_told"] = told.isoformat()
        buttons.insert(0, turn.btn("btn_when_told", "when:told", day=_day_label(turn, told)))
    turn.say(key, *buttons, turn.btn("btn_not_sure", "when:skip"))


def _day_in_account(turn: Turn) -> date | None:
    """The day the account names ("上周五在…", "last Friday"), if any and not to come."""
    when = parse_when(turn.data.get("what", "")[:MAX_WHEN_TEXT * 2], today=turn.today)
    if when is None or when.on is None or when.on > turn.today:
        return None
    return when.on


def _day_label(turn: Turn, day: date) -> str:
    return f"{day.month}月{day.day}日" if turn.lang == "zh" else f"{day.day} {day:%B}"


def on_when(turn: Turn) -> State:
    if turn.button in ("when:0", "when:1"):
        days = int(turn.button.split(":")[1])
        turn.data["when_on"] = (turn.today - timedelta(days=days)).isoformat()
        turn.data["when_text"] = turn.t("btn_today" if days == 0 else "btn_yesterday")
        return _after(turn, State.REPORT_PHOTOS)
    if turn.button == "when:skip":
        turn.data["when_on"], turn.data["when_text"] = None, None
        return _after(turn, State.REPORT_PHOTOS)
    if turn.button == "when:told" and turn.data.get("when_told"):
        told = date.fromisoformat(turn.data.pop("when_told"))
        turn.data["when_on"], turn.data["when_text"] = told.isoformat(), _day_label(turn, told)
        return _after(turn, State.REPORT_PHOTOS)
    if turn.button:
        turn.again("stale_button")
        return State.REPORT_WHEN
    back = _went_back(turn, State.REPORT_WHEN) or _switched_kind(turn, State.REPORT_WHEN) \
        or _field_corrected(turn, State.REPORT_WHEN)
    if back is not None:
        return back
    when = parse_when(turn.text, today=turn.today)
    # a day named is the answer, and so is one that begins with a point in time
    dated = when is not None and (when.on is not None or time_at_head(turn.text))
    if not dated and (_asked_aside(turn, State.REPORT_WHEN) or _more_of_the_account(turn)):
        return State.REPORT_WHEN
    if when is None and forgets_when(turn.text):  # "不记得了", "don't remember"
        turn.data["when_on"], turn.data["when_text"] = None, None
        return _after(turn, State.REPORT_PHOTOS)
    if when is None:
        # No time in it ("hello?", "？？", an emoji): asked again with examples, and what
        # tells something of what happened, though less surely than above, joins the account
        # rather than being lost or stored as the time.
        if _business_late(turn):
            return State.REPORT_WHEN
        if not _more_of_the_account(turn, surely=False):
            ask_when(turn, "when_unclear")
        return State.REPORT_WHEN
    if len(when.text) > MAX_WHEN_TEXT:
        turn.again("too_long", limit=MAX_WHEN_TEXT)
        return State.REPORT_WHEN
    if when.on is not None and when.on > turn.today:
        turn.again("when_in_future")
        return State.REPORT_WHEN
    named = _business_named_late(turn)  # "昨天放学 那个摊子好像叫阿芳小吃": time and business
    if named is not None:
        turn.say("corrected", value=named)
    else:
        when = _story_beside(turn, when)
    turn.data["when_on"] = when.on.isoformat() if when.on else None
    turn.data["when_text"] = when.text
    return _after(turn, State.REPORT_PHOTOS)


def _story_beside(turn: Turn, when: When) -> When:
    """A long story typed at "when?" that begins or ends with its time ("上周六中午 我们一家人
    去给孙子过生日 点了三碗牛肉面 吃到一半发现…"): the clause with the time is the time, the rest
    joins the account, told once; a short rest stays with the time ("上周开始的 现在还在卖")."""
    clause, rest = time_clause(turn.text, today=turn.today)
    if len(rest) < _LONG_ANSWER or not classify_intent(rest).tells_a_matter():
        return when
    _add_to_account(turn, rest)
    turn.say("added_to_account")
    return When(when.on, clause)


# ---- photos ---------------------------------------------------------------------------------


def ask_photos(turn: Turn) -> None:
    key = "ask_photos_tip" if turn.data.get("kind") == "tip" else "ask_photos"
    turn.say(key, turn.btn("btn_done", "photos:done"), turn.btn("btn_skip", "photos:skip"),
             max=MAX_PHOTOS)


def _stage_photos(turn: Turn, *, at_photo_step: bool = True) -> None:
    """Judge each file now (so a bad one is refused at once) and stage its original.

    Only photos: the step asks for them and every channel's picker offers them; a document
    goes through the web forms, which take PDFs. What a photo is, is decided by its content
    (``intake.uploads``), whatever the sender called it.
    """
    photos: list[str] = turn.data.setdefault("photos", [])
    for item in turn.incoming.attachments:
        if len(photos) >= MAX_PHOTOS:
            turn.say("photo_limit", max=MAX_PHOTOS)
            break
        try:
            prepared = prepare_attachment(settings=turn.settings, data=item.data)
        except AttachmentRejected as exc:
            turn.say("photo_rejected", reason=exc.message(turn.lang))
            continue
        if not prepared.is_image:
            turn.say("photo_rejected", reason=turn.t("photo_only_images"))
            continue
        photos.append(staging.stage(turn.settings, item.data))
        if at_photo_step:
            turn.say("photo_received", turn.btn("btn_done", "photos:done"), count=len(photos))
        else:
            turn.say("photo_kept", count=len(photos))


# The report's steps that read text or a button. A photo sent at one of them is the
# person's evidence sent early (or late): it is kept for the draft, as at the photo step,
# rather than dropped while the question is asked again.
PHOTOS_ASIDE = frozenset({State.TIP_NOTICE, State.REPORT_BUSINESS, State.REPORT_WHEN,
                          State.REPORT_REWARD, State.REPORT_CONTACT, State.REPORT_CONFIRM})


def keep_photos(turn: Turn, state: State) -> None:
    """Stage the photos that came at a step of ``PHOTOS_ASIDE``. A caption that answers the
    step (a shop front captioned "幸福路12号 老王面馆") is read by it; any other caption
    describes the photo ("就是这个面包" became the business) and joins the account, and the
    step's question (the summary, with its new count) is asked again. Before there is an
    account (a tip's notice) the caption is read by the step, as the account."""
    _stage_photos(turn, at_photo_step=False)
    if turn.text and ("what" not in turn.data or _answers(turn, state)):
        return
    if turn.text:
        _keep_caption(turn)
    turn.reprompt = True


def _answers(turn: Turn, state: State) -> bool:
    """Whether a photo's caption reads as the answer to ``state``'s question."""
    if state is State.REPORT_BUSINESS:
        return names_a_place(turn.text)
    if state is State.REPORT_WHEN:
        when = parse_when(turn.text, today=turn.today)
        return when is not None and when.on is not None
    if state is State.REPORT_CONTACT:
        return parse_contact(turn.text) is not None
    return False


def _keep_caption(turn: Turn) -> None:
    if meaningful(turn.text):
        _add_to_account(turn, turn.t("caption", text=turn.text))
        turn.say("caption_kept")


def _after_photos(turn: Turn) -> State:
    if turn.data.pop("editing", False):
        return State.REPORT_CONFIRM
    return State.REPORT_REWARD if turn.data.get("kind") == "tip" else State.REPORT_CONTACT


def on_photos(turn: Turn) -> State:
    if turn.incoming.attachments:
        if turn.text:  # said first, so the last message keeps the "Done" button
            _keep_caption(turn)
        _stage_photos(turn)
        return State.REPORT_PHOTOS
    if turn.button in ("photos:done", "photos:skip"):
        return _after_photos(turn)
    if turn.button:
        turn.again("stale_button")
        return State.REPORT_PHOTOS
    word = _word(turn)
    if word in _DONE_WORDS or word in _SKIP_WORDS or no_photos(turn.text):
        return _after_photos(turn)  # "我没拍照片，包子都扔了": none, then
    back = _went_back(turn, State.REPORT_PHOTOS) or _field_corrected(turn, State.REPORT_PHOTOS)
    if back is not None:
        return back
    if _asked_aside(turn, State.REPORT_PHOTOS):
        return State.REPORT_PHOTOS
    if turn.data.get("kind") == "complaint" and parse_contact(turn.text) is not None:
        return on_contact(turn)  # "我就一个座机 021-12345678": no photos, and the contact
    if _more_of_the_account(turn):  # "吃完到现在还在拉 孙子也吃了一点": more of what happened
        return State.REPORT_PHOTOS
    turn.again("photos_expected")
    return State.REPORT_PHOTOS


# ---- reward (tips only) ---------------------------------------------------------------------


def ask_reward(turn: Turn) -> None:
    turn.say("ask_reward", turn.btn("btn_stay_anonymous", "reward:no"),
             turn.btn("btn_want_reward", "reward:yes"))


def on_reward(turn: Turn) -> State:
    if turn.button == "reward:yes":
        turn.data["reward"] = True
        return State.REPORT_CONTACT
    if not turn.button and parse_contact(turn.text) is not None:
        turn.data["reward"] = True  # "要奖励 我的电话是137…": the reward, and the contact
        return on_contact(turn)
    if turn.button == "reward:no" or (not turn.button and declines(turn.text)):
        turn.data["reward"] = False
        turn.data.pop("contact", None)
        return State.REPORT_CONFIRM
    back = _went_back(turn, State.REPORT_REWARD) or _field_corrected(turn, State.REPORT_REWARD)
    if back is not None:
        return back
    if _asked_aside(turn, State.REPORT_REWARD):
        return State.REPORT_REWARD
    turn.again("stale_button" if turn.button else "reward_expected")
    return State.REPORT_REWARD


# ---- contact --------------------------------------------------------------------------------


def ask_contact(turn: Turn) -> None:
    if turn.data.get("kind") == "tip":
        turn.say("ask_contact_reward", turn.btn("btn_stay_anonymous", "reward:no"))
        return
    told = _contact_in_account(turn)
    # A phone or e-mail in the account (a letter pasted whole: "我叫王建国，电话139…") is
    # offered, not taken: it may be someone else's ("老板的电话是…").
    offered = [turn.btn("btn_contact_told", "contact:told", contact=mask_contact(told))] \
        if told is not None else []
    turn.say("ask_contact", *offered, turn.btn("btn_switch_to_tip", "switch:tip"))


def _contact_in_account(turn: Turn) -> ContactDetails | None:
    """The phone or e-mail (and name) the account holds, if any."""
    what = turn.data.get("what")
    return parse_contact(what) if isinstance(what, str) else None


def on_contact(turn: Turn) -> State:
    if turn.button == "switch:tip" and turn.data.get("kind") == "complaint":
        turn.data["kind"] = "tip"
        turn.data.pop("contact", None)
        turn.data["reward"] = False
        return State.TIP_NOTICE
    if turn.button == "reward:no" and turn.data.get("kind") == "tip":
        turn.data["reward"] = False
        turn.data.pop("contact", None)
        return State.REPORT_CONFIRM
    told = _contact_in_account(turn) if turn.button == "contact:told" \
        and turn.data.get("kind") == "complaint" else None
    if turn.button and told is None:
        turn.again("stale_button")
        return State.REPORT_CONTACT
    contact = told or parse_contact(turn.text)
    if contact is None:
        back = _went_back(turn, State.REPORT_CONTACT) or _field_corrected(
            turn, State.REPORT_CONTACT)
        if back is not None:
            return back
        if declines(turn.text):
            return _declined_contact(turn)
        if _asked_aside(turn, State.REPORT_CONTACT) or _more_of_the_account(turn):
            return State.REPORT_CONTACT
    if contact is None or (told is None and len(turn.text) > 300):
        turn.again("contact_invalid")
        return State.REPORT_CONTACT
    sealed = json.dumps({"name": contact.name, "phone": contact.phone, "email": contact.email})
    turn.data["contact"] = turn.seal(sealed)
    turn.data.pop("editing", None)
    return State.REPORT_CONFIRM


def _declined_contact(turn: Turn) -> State:
    """"我不想留电话": a tip stays anonymous; a complaint is told why it needs one and what
    the anonymous way is, instead of "no valid phone number found"."""
    if turn.data.get("kind") == "tip":
        turn.data["reward"] = False
        turn.data.pop("contact", None)
        turn.say("stay_anonymous_ok")
        return State.REPORT_CONFIRM
    turn.say("contact_declined", turn.btn("btn_switch_to_tip", "switch:tip"),
             turn.btn("btn_cancel", "cancel"))
    return State.REPORT_CONTACT


def _contact(turn: Turn) -> ContactDetails | None:
    sealed = turn.data.get("contact")
    if not sealed:
        return None
    fields: dict[str, Any] = json.loads(turn.unseal(sealed))
    return ContactDetails(**fields)


# ---- summary and submission -----------------------------------------------------------------


def _clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[:limit] + "…"


def ask_confirm(turn: Turn) -> None:
    data, unknown = turn.data, turn.t("summary_unknown")
    tip = data.get("kind") == "tip"
    if turn.brief:  # just answered aside: the summary is a message or two above
        turn.say("confirm_again_tip" if tip else "confirm_again_complaint",
                 turn.btn("btn_submit", "confirm:submit"), turn.btn("btn_review", "confirm:review"),
                 turn.btn("btn_cancel", "cancel"))
        return
    business = " ".join(p for p in (data.get("business"), data.get("place")) if p) or unknown
    lines = [
        turn.t("summary_tip" if tip else "summary_complaint"),
        turn.t("summary_what", value=_clip(data.get("what", ""), SUMMARY_WHAT_CHARS)),
        turn.t("summary_business", value=business),
        turn.t("summary_when", value=data.get("when_text") or unknown),
        turn.t("summary_photos", value=len(data.get("photos", []))),
    ]
    contact = _contact(turn)
    if contact is not None:
        lines.append(turn.t("summary_contact", value=mask_contact(contact)))
    elif tip:
        lines.append(turn.t("summary_anonymous"))
    if tip:
        lines.append(turn.t("tip_kept", account=turn.t(turn.incoming.surface.not_kept),
                            contact=turn.t("tip_kept_contact") if contact is not None else ""))
    lines.append(turn.t("summary_prompt"))
    buttons = [turn.btn("btn_submit", "confirm:submit"), turn.btn("btn_edit_what", "edit:what"),
               turn.btn("btn_edit_business", "edit:business"),
               turn.btn("btn_edit_when", "edit:when"), turn.btn("btn_edit_photos", "edit:photos")]
    if not tip or data.get("reward"):
        buttons.append(turn.btn("btn_edit_contact", "edit:contact"))
    buttons.append(turn.btn("btn_cancel", "cancel"))
    turn.send("\n".join(lines), *buttons)


_EDITS = {"edit:what": State.REPORT_WHAT, "edit:business": State.REPORT_BUSINESS,
          "edit:when": State.REPORT_WHEN, "edit:photos": State.REPORT_PHOTOS,
          "edit:contact": State.REPORT_CONTACT}


def on_confirm(turn: Turn) -> State:
    if turn.button in _EDITS:
        turn.data["editing"] = True
        if turn.button == "edit:photos":
            tokens = staged_tokens(turn)
            turn.after_commit.append(lambda: staging.discard(turn.settings, tokens))
            turn.data["photos"] = []
        return _EDITS[turn.button]
    if turn.button == "confirm:submit" or (not turn.button and _word(turn) in _SUBMIT_WORDS):
        return submit(turn)
    if turn.button == "confirm:review":  # the summary in full, with what can be corrected
        turn.again()
        return State.REPORT_CONFIRM
    corrected = _field_corrected(turn, State.REPORT_CONFIRM)
    if corrected is not None:
        return corrected
    if _asked_aside(turn, State.REPORT_CONFIRM):
        return State.REPORT_CONFIRM
    turn.again("stale_button" if turn.button else "confirm_expected")
    return State.REPORT_CONFIRM


def _attachments(turn: Turn) -> list[NewAttachment]:
    files = []
    for token in staged_tokens(turn):
        try:
            data = staging.load(turn.settings, token)
        except staging.StagedPhotoMissing:
            log.warning("a staged photo was missing at submission")
            continue
        files.append(NewAttachment(filename="photo", content_type="image/jpeg", data=data))
    return files


def submit(turn: Turn) -> State:
    data, incoming = turn.data, turn.incoming
    kind = data.get("kind", "complaint")
    reporter = None
    # A tip keeps no pseudonym: even a keyed hash would let staff link one insider's tips.
    if kind == "complaint" and incoming.platform_user_id:
        reporter = ReporterIdentity(incoming.channel, incoming.platform_user_id)
    when_on = data.get("when_on")
    draft = CaseDraft(
        kind=kind,
        channel=incoming.surface.case_channel,  # declared by the adapter (bot.turn.Surface)
        text=data.get("what", ""),
        business_name=data.get("business"),
        place=data.get("place"),
        occurred_on=date.fromisoformat(when_on) if when_on else None,
        occurred_text=data.get("when_text"),
        contact=_contact(turn),
        wants_reward=bool(data.get("reward")),
        attachments=_attachments(turn),
    )
    try:
        submission = submit_case(turn.session, settings=turn.settings, draft=draft,
                                 reporter=reporter, router=turn.router)
    except ContactRequired as exc:
        turn.say("submit_failed", reason=exc.message(turn.lang))
        return State.REPORT_CONTACT
    except AttachmentRejected as exc:
        turn.say("submit_failed", reason=exc.message(turn.lang))
        data["editing"] = True
        return State.REPORT_PHOTOS
    except IntakeError as exc:
        turn.again("submit_failed", reason=exc.message(turn.lang))
        return State.REPORT_CONFIRM
    if submission.pseudonym and incoming.surface.follows_up:
        # Under the case's channel: its notifications are queued, and drained, under it.
        notifier.remember_address(turn.session, settings=turn.settings,
                                  pseudonym=submission.pseudonym,
                                  channel=incoming.surface.case_channel,
                                  address=incoming.conversation_key)
    _announce(turn, kind, submission)
    reset_draft(turn)
    return State.IDLE


def _announce(turn: Turn, kind: str, submission: Submission) -> None:
    decision = submission.decision
    turn.send(turn.t("submitted", receipt=submission.receipt,
                     case_number=submission.case_number), receipt=submission.receipt)
    co = ""
    if decision.co:
        separator = "、" if turn.lang == "zh" else ", "
        names = separator.join(bureau_label(c, turn.lang) for c in decision.co)
        co = turn.t("routed_co", names=names)
    reasons = decision.reasons()
    if not reasons:
        why = turn.t("routed_review")
    else:
        # Punctuation of the reply's language: "；" and "、" in Chinese, "; " and ", " in English.
        between, clause_between = ("；", "、") if turn.lang == "zh" else ("; ", ", ")
        why = between.join(
            turn.t("routed_evidence", matched=r.matched, clause=clause_between.join(r.clauses))
            for r in reasons
        )
        if decision.needs_review:
            why += turn.t("routed_confirm")
    lines = [turn.t("routed", bureau=bureau_label(decision.lead, turn.lang), co=co, why=why)]
    if submission.deadline is not None:
        limit = load_policy(turn.settings.deadlines_file).first_limit(kind)
        lines.append(turn.t("deadline", rule=limit.en if turn.lang == "en" else limit.zh,
                            date=submission.deadline.isoformat(), basis=limit.basis(turn.lang)))
    if kind == "tip":
        lines.append(turn.t("tip_keep_secret"))
    elif turn.incoming.surface.follows_up:
        lines.append(turn.t("complaint_followup"))
    turn.send("\n".join(lines), *menu_buttons(turn))


# Each step's reader, for answering the previous question again ("不对，应该是…").
_READERS: dict[State, Callable[[Turn], State]] = {
    State.REPORT_BUSINESS: on_business,
    State.REPORT_WHEN: on_when,
    State.REPORT_PHOTOS: on_photos,
    State.REPORT_REWARD: on_reward,
}
