"""The reporter's forms. They check shape only (lengths, required fields, that a date is not
still to come) and say at the field what the domain would refuse (a phone or an e-mail that
reaches no one: :mod:`intake.drafts`); every rule about what a case needs lives in the
intake service, which raises a named error."""

from __future__ import annotations

import re

from flask_babel import lazy_gettext as _l
from flask_wtf.file import MultipleFileField
from wtforms import BooleanField, EmailField, Field, StringField, TelField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional, ValidationError

from intake.clock import local_today
from intake.drafts import email_reachable, phone_reachable
from intake.receipts import ALPHABET, LENGTH, typed_characters
from intake.reporter import MAX_MESSAGE
from web.cookieless_csrf import CookielessForm
from web.public.date_boxes import DateBoxes

TEXT_MAX = 5000
# A case number as typed back (intake.submit: FS, year and month, ten receipt characters).
CASE_NUMBER = re.compile(f"FS[0-9]{{4}}[{ALPHABET}]{{10}}")


def _phone_digits(form: object, field: Field) -> None:
    if field.data and not phone_reachable(field.data):
        raise ValidationError(
            str(_l("电话号码看起来不完整，请检查（例如 13812345678 或 010-12345678）。"))
        )


def _email_shape(form: object, field: Field) -> None:
    if field.data and not email_reachable(field.data):
        raise ValidationError(str(_l("电子邮箱格式不对，请检查（例如 name@example.com）。")))


def _not_in_the_future(form: object, field: Field) -> None:
    """A date still to come is a slip of the picker: the district's today is the latest."""
    if field.data and field.data > local_today():
        raise ValidationError(
            str(_l("日期不能晚于今天；记不清具体日期可以不填，写在“大约什么时候”里。"))
        )


def _receipt_shape(form: object, field: Field) -> None:
    """Say what is wrong with something that cannot be a receipt, before the lookup: it was
    "no case matches" and counted as a failed guess of the day's few."""
    chars = typed_characters(field.data or "")
    if not chars:
        return
    if CASE_NUMBER.fullmatch(chars):
        # The receipt page shows both; the case number is the one that looks official.
        raise ValidationError(str(_l(
            "这是案件编号，不是回执码。查进度要用回执码：提交时页面上虚线框里的那串字母和数字，"
            "共 4 组，每组 5 个。")))
    strange = "".join(sorted({c for c in chars if c not in ALPHABET}))
    if strange:
        raise ValidationError(str(_l(
            "回执码里没有 0、1、O、I、L、U、V 这类容易看错的字符，也没有其他符号，"
            "这里却有：%(found)s。请对照保存的回执码核对。", found=strange)))
    if len(chars) != LENGTH:
        raise ValidationError(str(_l(
            "回执码是 %(length)s 个字母和数字（每 5 个一组），这里有 %(n)s 个，请核对。",
            length=LENGTH, n=len(chars))))


class ReportForm(CookielessForm):
    text = TextAreaField(
        _l("发生了什么"),
        validators=[
            DataRequired(message=_l("请写下发生了什么。")),
            Length(max=TEXT_MAX),
        ],
    )
    business_name = StringField(_l("商家或单位名称"), validators=[Optional(), Length(max=200)])
    place = StringField(_l("地点"), validators=[Optional(), Length(max=300)])
    # "日期" alone: the date of what? (the filing's, said someone). Three boxes in the page's
    # language: the browser's date box spoke its own ("mm/dd/yyyy" on a Chinese page).
    occurred_on = DateBoxes(_l("发生日期"), validators=[_not_in_the_future])
    occurred_text = StringField(_l("大约什么时候"), validators=[Optional(), Length(max=200)])
    attachments = MultipleFileField(_l("照片或 PDF 文件（可选，最多 5 个）"))
    # The honeypot: hidden from people by CSS, filled in by naive bots.
    website = StringField("website", validators=[Optional()])
    name = StringField(_l("姓名"), validators=[Optional(), Length(max=100)])
    phone = TelField(
        _l("电话"),
        validators=[
            Optional(),
            Length(max=40),
            _phone_digits,
        ],
    )
    email = EmailField(
        _l("电子邮箱"),
        validators=[
            Optional(),
            Length(max=200),
            _email_shape,
        ],
    )


class ComplaintForm(ReportForm):
    pass


class TipForm(ReportForm):
    wants_reward = BooleanField(_l("我希望申请举报奖励（需留下联系方式）"))


class ReceiptForm(CookielessForm):
    receipt = StringField(
        _l("回执码"),
        validators=[
            DataRequired(message=_l("请输入回执码（提交时页面上显示的那串字母和数字）。")),
            Length(max=64),
            _receipt_shape,
        ],
    )


class ReplyForm(CookielessForm):
    receipt = StringField(validators=[DataRequired(), Length(max=64)])
    text = TextAreaField(
        _l("补充说明或回复"),
        validators=[
            DataRequired(message=_l("请写下要补充或回复的内容。")),
            # The domain's own limit for a reporter's message: the form let 5,000 through,
            # which the domain then refused as "empty or too long".
            Length(max=MAX_MESSAGE),
        ],
    )
    attachments = MultipleFileField(_l("补充照片或 PDF 文件（可选，最多 5 个）"))
