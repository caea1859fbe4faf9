"""The audit trail's details in the desk's words.

An event's detail holds codes (statuses, bureaus, channels, counts, an attachment's token):
the trail listed them as ``kind=complaint channel=web lead=samr`` and ``from=received
to=accepted``. Each known key is said here in the page's language; a key the desk does not
know yet is shown as it is stored, so nothing recorded is ever hidden.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import Any

from flask_babel import gettext, pgettext

from intake.drafts import CHANNEL_LABELS
from intake.workflow import STATUS_LABELS
from web.i18n import bureau_name, is_english, pick


def _(string: str, **variables: Any) -> str:
    """Flask-Babel's gettext, typed (it returns Any)."""
    return str(gettext(string, **variables))


def reveal_status(status: str) -> str:
    """A contact-reveal request's status (ContactRevealRequest.status) in words."""
    labels = {"pending": _("待批准"), "approved": _("已批准"), "denied": _("已驳回"),
              "revealed": _("已查看")}
    return labels.get(status, status)


def audit_detail(detail: dict[str, Any], *, attachments: Sequence[Any] = ()) -> str:
    """One event's detail as a line of short clauses (empty when it has none)."""
    rest = dict(detail)
    said: list[str] = []
    for keys, say in _SAYINGS:
        if all(key in rest for key in keys):
            values = [rest[key] for key in keys]
            text = say(*values, attachments=attachments)
            if text is not None:
                said.append(text)
                for key in keys:
                    del rest[key]
    said += [f"{key}={value}" for key, value in rest.items()]
    return ("; " if is_english() else "；").join(said)


def _status(code: Any) -> str | None:
    found = STATUS_LABELS.get(code) if isinstance(code, str) else None
    return pick(*found) if found else None


def _moved(old: Any, new: Any, **_context: Any) -> str | None:
    """Statuses (a workflow action) or dates (a deadline extended)."""
    before, after = _status(old), _status(new)
    if before and after:
        return _("状态：%(before)s → %(after)s", before=before, after=after)
    if _is_date(old) and _is_date(new):
        return _("办理时限：%(before)s → %(after)s", before=old, after=new)
    return None


def _is_date(value: Any) -> bool:
    try:
        date.fromisoformat(value)
    except (TypeError, ValueError):
        return False
    return True


def _kind(code: Any, **_context: Any) -> str | None:
    if code == "complaint":
        return _("类型：%(kind)s", kind=str(pgettext("case kind", "投诉")))
    if code == "tip":
        return _("类型：%(kind)s", kind=str(pgettext("case kind", "举报")))
    return None


def _channel(code: Any, **_context: Any) -> str | None:
    found = CHANNEL_LABELS.get(code) if isinstance(code, str) else None
    return _("渠道：%(channel)s", channel=pick(*found)) if found else None


def _lead(code: Any, **_context: Any) -> str:
    return _("承办部门：%(bureau)s", bureau=bureau_name(str(code)))


def _bureaus(old: Any, new: Any, **_context: Any) -> str:
    return _("承办部门：%(before)s → %(after)s", before=bureau_name(str(old)),
             after=bureau_name(str(new)))


def _attachments(count: Any, **_context: Any) -> str:
    return _("附件 %(n)s 个", n=count) if count else _("无附件")


def _contact(left: Any, **_context: Any) -> str:
    return _("留有联系方式") if left else _("未留联系方式")


def _length(count: Any, **_context: Any) -> str:
    return _("回复 %(n)s 字", n=count)


def _reason(text: Any, **_context: Any) -> str:
    return _("理由：%(reason)s", reason=text)


def _attachment(token: Any, *, attachments: Sequence[Any], **_context: Any) -> str:
    """The attachment opened, as the case page lists it (numbered, with its type)."""
    for number, shown in enumerate(attachments, 1):
        if isinstance(token, str) and token and shown.token.startswith(token):
            return _("第 %(n)s 个附件（%(type)s）", n=number, type=shown.content_type)
    return _("附件 %(token)s", token=token)


def _duplicates(count: Any, **_context: Any) -> str:
    return _("疑似重复 %(n)s 件", n=count)


def _request(number: Any, **_context: Any) -> str:
    return _("申请 #%(id)s", id=number)


def _pattern(complaints: Any, businesses: Any, demands: Any, days: Any, **_context: Any) -> str:
    return _("%(days)s 天内投诉 %(complaints)s 件，涉及 %(businesses)s 家商家，"
             "要求赔偿 %(demands)s 件",
             days=days, complaints=complaints, businesses=businesses, demands=demands)


def _pseudonym(name: Any, **_context: Any) -> str:
    return _("代号 %(name)s", name=name)


# (the keys said together, how): in the order a clause reads best.
_SAYINGS: tuple[tuple[tuple[str, ...], Callable[..., str | None]], ...] = (
    (("kind",), _kind),
    (("channel",), _channel),
    (("lead",), _lead),
    (("from", "to"), _moved),
    (("from_bureau", "to_bureau"), _bureaus),
    (("attachments",), _attachments),
    (("contact",), _contact),
    (("length",), _length),
    (("attachment",), _attachment),
    (("count",), _duplicates),
    (("request_id",), _request),
    (("complaints", "businesses", "compensation_demands", "window_days"), _pattern),
    (("pseudonym",), _pseudonym),
    (("reason",), _reason),
)
