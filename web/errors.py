"""Domain errors and HTTP errors turned into responses, logged without anyone's text.

Views never catch a domain error to decide a rule; they let it rise, and this module maps
its class to a status. The log line names the error class and the endpoint only: never the
request body, the form, the receipt or the client address.
"""

from __future__ import annotations

import errno
import logging

from flask import Flask, Response, jsonify, render_template, request
from flask_babel import gettext as _
from flask_wtf.csrf import CSRFError
from sqlalchemy.exc import InterfaceError, OperationalError
from werkzeug.exceptions import HTTPException

from intake import errors as domain
from web.i18n import select_locale
from web.runtime import settings

log = logging.getLogger("web")

STATUS_BY_ERROR: dict[type[domain.IntakeError], int] = {
    domain.CaseNotFound: 404,
    domain.RevealRequestNotFound: 404,
    domain.NotificationNotFound: 404,
    domain.StaffNotFound: 404,
    domain.NotAllowed: 403,
    domain.ReceiptThrottled: 429,
    domain.InvalidTransition: 409,
    domain.AlreadyFiled: 409,
    domain.StaffExists: 409,
    domain.AuthenticationFailed: 401,
}


def status_for(error: domain.IntakeError) -> int:
    """The HTTP status of a domain error (422 for anything the person can fix)."""
    for cls in type(error).__mro__:
        if cls in STATUS_BY_ERROR:
            return STATUS_BY_ERROR[cls]
    return 422


def wants_json() -> bool:
    return request.path.startswith("/open311/") or request.accept_mimetypes.best == (
        "application/json"
    )


def domain_message(error: domain.IntakeError) -> str:
    return error.message("en" if select_locale() == "en" else "zh")


def _page(status: int, title: str, message: str) -> tuple[str | Response, int]:
    if wants_json():
        return jsonify([{"code": status, "description": message}]), status
    return render_template("errors/error.html", title=title, message=message, status=status), status


def handle_domain_error(error: domain.IntakeError) -> tuple[str | Response, int]:
    status = status_for(error)
    log.info("domain error %s on %s -> %s", error.code, request.endpoint, status)
    return _page(status, _("无法完成"), domain_message(error))


def handle_csrf(error: CSRFError) -> tuple[str | Response, int]:
    log.info("csrf rejected on %s", request.endpoint)
    return _page(400, _("页面已过期"), _("页面已过期或来源不明，请返回刷新后重试。"))


def handle_http(error: HTTPException) -> tuple[str | Response, int]:
    status = error.code or 500
    messages = {
        400: _("请求格式不正确。"),
        403: _("您无权访问此页面。"),
        404: _("找不到该页面。"),
        405: _("不支持该请求方式。"),
    }
    if status == 413:
        return _page(status, _("文件太大"), _too_large())
    if status == 429:
        return _page(status, _("请稍后再试"), _too_often())
    # A heading of words: "404" alone told an older reader nothing (the code stays below it).
    titles = {403: _("无权访问"), 404: _("找不到页面")}
    return _page(status, titles.get(status, _("无法完成")),
                 messages.get(status, _("请求无法处理。")))


def _too_often() -> str:
    """A form sent too often is answered before it is read: what was typed is not shown
    again, so the page says how to get back to it."""
    if wants_json() or request.method != "POST":
        return str(_("请求过于频繁，请稍后再试。"))
    return str(_("请求过于频繁，刚才的操作没有完成。请用返回键回到上一页（填写的内容一般还在），"
                 "过几分钟再试。"))


def _too_large() -> str:
    """A post over the app's limit never reaches the form, so nothing typed comes back:
    the page says the limits and how to get back to what was typed."""
    each = settings().max_upload_bytes
    sizes = {"each": megabytes(each), "total": megabytes(files_per_request(each))}
    if wants_json():  # the chat shows it in its log: there is no page to go back to
        return str(_("上传的文件太大：每个文件最多 %(each)s MB，一次合计最多 %(total)s MB。",
                     **sizes))
    return str(_("上传的文件太大：每个文件最多 %(each)s MB，一次合计最多 %(total)s MB。还没有提交。"
                 "请用返回键回到上一页（填写的内容一般还在），去掉或换小一些的文件后再提交。",
                 **sizes))


def files_per_request(max_upload_bytes: int) -> int:
    """How many bytes of files one post may carry (the app's limit is this and 1 MiB more)."""
    return max_upload_bytes * 3


def megabytes(size: int) -> str:
    """A size in MB as people read it: 10, 30, 2.5 (a test's 20,000 bytes: 0.0191)."""
    return f"{size / 2**20:.3g}"


def handle_unexpected(error: Exception) -> tuple[str | Response, int]:
    # The class name only: an exception's message may quote the report.
    log.error("unhandled %s on %s", type(error).__name__, request.endpoint)
    message = _("服务暂时出错，请稍后重试。没有看到回执码，说明提交没有完成。")
    return _page(500, _("出错了"), message)


def handle_storage_down(error: Exception) -> tuple[str | Response, int]:
    # The database is unreachable, restarting or out of space: the transaction was rolled
    # back, so nothing was stored and no receipt was shown. 503 tells clients to retry.
    log.error("storage unavailable (%s) on %s", type(error).__name__, request.endpoint)
    message = _("服务暂时不可用，请稍后重试。没有看到回执码，说明提交没有完成。")
    body, status = _page(503, _("暂时无法服务"), message)
    response = body if isinstance(body, Response) else Response(body, mimetype="text/html")
    response.status_code = status
    response.headers["Retry-After"] = "30"
    return response, status


# A disk that is full, over quota or read-only: the upload could not be written.
STORAGE_ERRNOS = frozenset({errno.ENOSPC, errno.EDQUOT, errno.EROFS})


def handle_os_error(error: OSError) -> tuple[str | Response, int]:
    if error.errno in STORAGE_ERRNOS:
        return handle_storage_down(error)
    return handle_unexpected(error)


def install(app: Flask) -> None:
    app.register_error_handler(domain.IntakeError, handle_domain_error)
    app.register_error_handler(CSRFError, handle_csrf)
    app.register_error_handler(HTTPException, handle_http)
    app.register_error_handler(OperationalError, handle_storage_down)
    app.register_error_handler(InterfaceError, handle_storage_down)
    app.register_error_handler(OSError, handle_os_error)
    app.register_error_handler(Exception, handle_unexpected)
