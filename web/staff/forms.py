"""Staff forms (session-bound Flask-WTF CSRF: staff are logged in anyway)."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import PasswordField, SelectField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length, Optional, Regexp

from intake.bureaus import BUREAUS
from intake.models import ROLES
from intake.staff_admin import RESERVED_ROLE
from web.i18n import bureau_name

# What each role is called at the desk (its code meant nothing to a reader).
ROLE_LABELS = {
    "handler": _l("经办人"),
    "lead": _l("部门负责人"),
    "coordinator": _l("统筹协调员"),
    "admin": _l("系统管理员"),
    "custodian": _l("举报人信息保管人"),
}
# The roles the desk offers: a custodian is appointed on the server (intake.staff_admin), so
# offering it only led to a refusal. (The forms still accept every role, so that the domain,
# not the form, is what refuses a custodian.)
GRANTABLE_ROLES = tuple(role for role in ROLES if role != RESERVED_ROLE)


def localise_choices(form: FlaskForm) -> FlaskForm:
    """The choices shown: bureaus and roles named in the page's language (they are built at
    import, in Chinese and as codes), only the roles the desk may grant."""
    if "bureau" in form:
        form.bureau.choices = [
            SelectChoice(code, bureau_name(code)) for code in BUREAUS
        ]
    if "role" in form:
        form.role.choices = [SelectChoice(r, str(ROLE_LABELS[r])) for r in GRANTABLE_ROLES]
    return form


def _bureau_choices() -> list[SelectChoice]:
    return [SelectChoice(code, bureau.name_zh) for code, bureau in BUREAUS.items()]


class LoginForm(FlaskForm):  # type: ignore[misc]
    username = StringField(_l("用户名"), validators=[DataRequired(), Length(max=64)])
    password = PasswordField(_l("密码"), validators=[DataRequired(), Length(max=200)])


class TotpForm(FlaskForm):  # type: ignore[misc]
    code = StringField(
        _l("动态验证码"), validators=[DataRequired(), Regexp(r"^\s*\d{6}\s*$")]
    )


class ActionForm(FlaskForm):  # type: ignore[misc]
    """One form for every case action: which fields matter depends on the action."""

    reason = TextAreaField(_l("理由"), validators=[Optional(), Length(max=2000)])
    text = TextAreaField(_l("回复内容"), validators=[Optional(), Length(max=5000)])
    to_bureau = SelectField(
        _l("转交给"), choices=[SelectChoice("", "—"), *_bureau_choices()],
        validators=[Optional()],
    )
    request_id = StringField(validators=[Optional(), Length(max=20)])


class StaffAccountForm(FlaskForm):  # type: ignore[misc]
    username = StringField(_l("用户名"), validators=[DataRequired(), Length(max=64)])
    display_name = StringField(_l("显示名称"), validators=[DataRequired(), Length(max=100)])
    password = PasswordField(_l("初始密码"), validators=[DataRequired(), Length(min=10, max=200)])
    bureau = SelectField(_l("部门"), choices=_bureau_choices())
    role = SelectField(_l("角色"), choices=[SelectChoice(r, r) for r in ROLES])


class AccountChangeForm(FlaskForm):  # type: ignore[misc]
    role = SelectField(
        _l("角色"), choices=[SelectChoice(r, r) for r in ROLES], validators=[Optional()]
    )
    bureau = SelectField(
        _l("部门"), choices=_bureau_choices(), validators=[Optional()]
    )
    active = SelectField(
        _l("状态"),
        choices=[SelectChoice("1", _l("启用")), SelectChoice("0", _l("停用"))],
        validators=[Optional()],
    )
