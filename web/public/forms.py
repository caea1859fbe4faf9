"""The reporter's forms. They check shape only (lengths, required fields); every rule
about what a case needs lives in the intake service, which raises a named error."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf.file import MultipleFileField
from wtforms import BooleanField, DateField, EmailField, StringField, TelField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional

from web.cookieless_csrf import CookielessForm

TEXT_MAX = 5000


class ReportForm(CookielessForm):
    text = TextAreaField(_l("发生了什么"), validators=[DataRequired(), Length(max=TEXT_MAX)])
    business_name = StringField(_l("商家或单位名称"), validators=[Optional(), Length(max=200)])
    place = StringField(_l("地点"), validators=[Optional(), Length(max=300)])
    occurred_on = DateField(_l("日期"), validators=[Optional()])
    occurred_text = StringField(_l("大约什么时候"), validators=[Optional(), Length(max=200)])
    attachments = MultipleFileField(_l("照片或 PDF 文件（可选，最多 5 个）"))
    # The honeypot: hidden from people by CSS, filled in by naive bots.
    website = StringField("website", validators=[Optional()])
    name = StringField(_l("姓名"), validators=[Optional(), Length(max=100)])
    phone = TelField(_l("电话"), validators=[Optional(), Length(max=40)])
    email = EmailField(_l("电子邮箱"), validators=[Optional(), Length(max=200)])


class ComplaintForm(ReportForm):
    pass


class TipForm(ReportForm):
    wants_reward = BooleanField(_l("我希望申请举报奖励（需留下联系方式）"))


class ReceiptForm(CookielessForm):
    receipt = StringField(_l("回执码"), validators=[DataRequired(), Length(max=64)])


class ReplyForm(CookielessForm):
    receipt = StringField(validators=[DataRequired(), Length(max=64)])
    text = TextAreaField(_l("补充说明或回复"), validators=[DataRequired(), Length(max=TEXT_MAX)])
    attachments = MultipleFileField(_l("补充照片或 PDF 文件（可选）"))
