"""Every way a domain action can fail, each a named error with a bilingual message.

Channels translate these into their own answers (an HTTP status, a chat reply); the
messages never contain report text, contact details or a receipt.
"""

from __future__ import annotations


class IntakeError(Exception):
    """Base of every domain failure: ``code`` for machines, ``zh``/``en`` for people."""

    code = "intake_error"
    zh = "请求无法处理。"
    en = "The request could not be processed."

    def __init__(self, detail: str | None = None) -> None:
        # ``detail`` is for developers (never user text); the class messages are for people.
        self.detail = detail
        super().__init__(f"{self.code}: {detail or self.en}")

    def message(self, lang: str = "zh") -> str:
        return self.en if lang.startswith("en") else self.zh


class InvalidDraft(IntakeError):
    code = "invalid_draft"
    zh = "提交的内容不完整或格式不正确。"
    en = "The submission is incomplete or malformed."


class ContactRequired(IntakeError):
    code = "contact_required"
    zh = "投诉需要留下联系方式，以便依法调解；匿名反映请选择“举报”。"
    en = "A complaint needs contact details for mediation; choose a tip to stay anonymous."


class RewardContactRequired(ContactRequired):
    """A tip asking for a reward without a phone or e-mail.

    Its own message: the complaint's ("choose a tip to stay anonymous") told a tipster, on
    the tip form, to choose the tip they were already filing.
    """

    code = "reward_contact_required"
    zh = "申请举报奖励需要留下电话或电子邮箱；不申请奖励，就不用留任何联系方式。"
    en = (
        "A reward needs a phone number or e-mail; without a reward you can submit with "
        "no contact details at all."
    )


class AttachmentRejected(IntakeError):
    code = "attachment_rejected"
    # Said by the few refusals without a message of their own; PDFs are taken as well.
    zh = "附件无法使用：只接受照片和 PDF 文件，且不能超过大小上限。"
    en = "The attachment cannot be used: only photos and PDF documents within the size limit."


class CaseNotFound(IntakeError):
    code = "case_not_found"
    zh = "未找到对应的案件，请核对回执码。"
    en = "No case matches; please check the receipt."


class ReceiptThrottled(IntakeError):
    code = "receipt_throttled"
    zh = "查询失败次数过多，请明天再试。"
    en = "Too many failed lookups; please try again tomorrow."


class SelfDoxxing(IntakeError):
    code = "self_doxxing"
    zh = "为保护您的身份，消息中不能包含您的回执码；请删去后再发送。"
    en = "For your protection, a message must not contain your receipt; remove it and send again."


class MessageRejected(IntakeError):
    code = "message_rejected"
    zh = "消息为空或太长，请修改后再发送。"
    en = "The message is empty or too long; please change it and send it again."


class AlreadyFiled(IntakeError):
    """The page this was sent from has filed its case or message already (intake.filed_once)."""

    code = "already_filed"
    zh = "这份表单刚才已经提交过，这次没有再提交。"
    en = "This form was sent already; it was not sent again."


class InvalidTransition(IntakeError):
    code = "invalid_transition"
    zh = "案件当前状态不允许此操作。"
    en = "This action is not allowed in the case's current status."


class NotAllowed(IntakeError):
    code = "not_allowed"
    zh = "您无权执行此操作。"
    en = "You are not allowed to do this."


class ReasonRequired(IntakeError):
    code = "reason_required"
    # It said "needs a reason" to someone who had written one, only too short.
    zh = "此操作需要写明理由：空白或只有两三个字的理由不被接受，请写清为什么。"
    en = ("This action needs a written reason: a blank one, or two or three characters, is "
          "not accepted; say why.")


class UnknownBureau(IntakeError):
    code = "unknown_bureau"
    zh = "未知的部门。"
    en = "Unknown bureau."


class NoContactOnFile(IntakeError):
    code = "no_contact"
    zh = "举报人未留下联系方式。"
    en = "The reporter left no contact details."


class RevealRequestNotFound(IntakeError):
    code = "reveal_request_not_found"
    zh = "未找到该查看联系方式申请。"
    en = "No such contact reveal request."


class RevealNotApproved(IntakeError):
    code = "reveal_not_approved"
    zh = "查看联系方式需先经保管人批准。"
    en = "Revealing contact details needs the custodian's approval first."


class AuthenticationFailed(IntakeError):
    code = "authentication_failed"
    zh = "用户名或密码错误。"
    en = "Wrong username or password."


class StaffExists(IntakeError):
    code = "staff_exists"
    zh = "该用户名已存在。"
    en = "That username is taken."


class InvalidStaff(IntakeError):
    code = "invalid_staff"
    zh = "工作人员信息不正确（部门、角色或密码）。"
    en = "Invalid staff details (bureau, role or password)."


class NotificationNotFound(IntakeError):
    code = "notification_not_found"
    zh = "未找到该通知。"
    en = "No such notification."


class FlagNotFound(IntakeError):
    code = "flag_not_found"
    zh = "未找到该举报人标记。"
    en = "No such reporter flag."


class AttachmentNotFound(CaseNotFound):
    # A kind of CaseNotFound: every channel already answers that as "not found".
    code = "attachment_not_found"
    zh = "未找到该附件。"
    en = "No such attachment."


class StaffNotFound(IntakeError):
    code = "staff_not_found"
    zh = "未找到该工作人员账号。"
    en = "No such staff account."
