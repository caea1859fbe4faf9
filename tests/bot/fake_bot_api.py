"""A fake Telegram Bot API on 127.0.0.1 for end-to-end tests of the real PTB Application.

It speaks enough of the Bot API for python-telegram-bot v22 (getMe, getUpdates long polling,
sendMessage, sendPhoto, editMessageText, editMessageReplyMarkup, answerCallbackQuery,
getFile and the file download path, setWebhook, deleteWebhook, setMyCommands,
sendChatAction) and records every request, so a test can script a person and then assert
on exactly what the bot sent.

Lanes: a bot whose ``base_url`` is ``http://host:port/<lane>/bot`` polls its own update queue,
so two bot processes can share one conversation the way they would behind a webhook load
balancer (real Telegram allows one poller per token; the lanes stand in for the balancer).
"""

from __future__ import annotations

import itertools
import json
import re
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from email.parser import BytesParser
from email.policy import HTTP
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, unquote

TOKEN = "123456789:TEST-token-for-the-fake-api"
BOT_USER = {"id": 123456789, "is_bot": True, "first_name": "FoodSafe",
            "username": "foodsafe_test_bot", "can_join_groups": False,
            "can_read_all_group_messages": False, "supports_inline_queries": False}
_PATH = re.compile(r"^/(?:(?P<lane>[\w-]+)/)?bot(?P<token>[^/]+)/(?P<method>\w+)$")
_FILE_PATH = re.compile(r"^/file/bot(?P<token>[^/]+)/(?P<path>[\w./-]+)$")
MAX_LONG_POLL = 1.0  # seconds: short, so a stopping bot is never kept waiting


@dataclass
class Recorded:
    method: str
    params: dict[str, Any]
    lane: str
    at: float = field(default_factory=time.monotonic)


class FakeBotApi:
    def __init__(self, token: str = TOKEN) -> None:
        self.token = token
        self.requests: list[Recorded] = []
        self.files: dict[str, bytes] = {}
        self._queues: dict[str, list[dict[str, Any]]] = {}
        self._confirmed: dict[str, int] = {}
        self._cond = threading.Condition()
        self._update_ids = itertools.count(1)
        self._message_ids = itertools.count(1000)
        self._failures: dict[str, list[tuple[int, str]]] = {}
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    # -- server -------------------------------------------------------------------------------

    def start(self) -> FakeBotApi:
        api = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: object) -> None:  # keep test output clean
                return

            def do_POST(self) -> None:
                api._handle(self)

            def do_GET(self) -> None:
                api._handle(self)

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True,
                                        name="fake-bot-api")
        self._thread.start()
        return self

    def stop(self) -> None:
        if self._server is not None:
            with self._cond:
                self._cond.notify_all()
            self._server.shutdown()
            self._server.server_close()
            self._server = None

    @property
    def port(self) -> int:
        assert self._server is not None
        return int(self._server.server_address[1])

    def base_url(self, lane: str = "") -> str:
        prefix = f"/{lane}" if lane else ""
        return f"http://127.0.0.1:{self.port}{prefix}/bot"

    def base_file_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/file/bot"

    # -- scripting a person ---------------------------------------------------------------------

    def push(self, update: dict[str, Any], lane: str = "") -> int:
        """Queue a raw update (an ``update_id`` is added when missing); returns its id."""
        update.setdefault("update_id", next(self._update_ids))
        with self._cond:
            self._queues.setdefault(lane, []).append(update)
            self._cond.notify_all()
        return int(update["update_id"])

    def _message(self, chat_id: int, user_id: int | None, lang: str) -> dict[str, Any]:
        message: dict[str, Any] = {
            "message_id": next(self._message_ids),
            "date": int(time.time()),
            "chat": {"id": chat_id, "type": "private", "first_name": "Citizen"},
        }
        if user_id is not None:
            message["from"] = {"id": user_id, "is_bot": False, "first_name": "Citizen",
                               "language_code": lang}
        return message

    def text(self, chat_id: int, text: str, *, user_id: int | None = None, lane: str = "",
             lang: str = "zh-hans") -> int:
        message = self._message(chat_id, user_id or chat_id, lang)
        message["text"] = text
        if text.startswith("/"):
            command = text.split()[0]
            message["entities"] = [{"type": "bot_command", "offset": 0, "length": len(command)}]
        return self.push({"message": message}, lane)

    def photo(self, chat_id: int, data: bytes, *, caption: str | None = None,
              user_id: int | None = None, lane: str = "") -> int:
        file_id = f"photo-{len(self.files) + 1}"
        self.files[file_id] = data
        message = self._message(chat_id, user_id or chat_id, "zh-hans")
        message["photo"] = [
            {"file_id": f"{file_id}-thumb", "file_unique_id": f"u{file_id}t", "width": 90,
             "height": 60, "file_size": 900},
            {"file_id": file_id, "file_unique_id": f"u{file_id}", "width": 1280, "height": 960,
             "file_size": len(data)},
        ]
        if caption:
            message["caption"] = caption
        return self.push({"message": message}, lane)

    def tap(self, chat_id: int, data: str, *, user_id: int | None = None, lane: str = "") -> int:
        message = self._message(chat_id, None, "zh-hans")
        message["text"] = "(an earlier message with buttons)"
        user = {"id": user_id or chat_id, "is_bot": False, "first_name": "Citizen",
                "language_code": "zh-hans"}
        return self.push({"callback_query": {"id": str(next(self._message_ids)), "from": user,
                                             "chat_instance": "ci", "data": data,
                                             "message": message}}, lane)

    def fail(self, method: str, *, status: int = 400, description: str = "Bad Request",
             times: int = 1) -> None:
        """Make the next ``times`` calls of ``method`` fail as Telegram would."""
        with self._cond:
            self._failures.setdefault(method, []).extend([(status, description)] * times)

    # -- what the bot did -------------------------------------------------------------------

    def calls(self, method: str) -> list[Recorded]:
        with self._cond:
            return [r for r in self.requests if r.method == method]

    def sent(self, chat_id: int | None = None) -> list[dict[str, Any]]:
        """Every sendMessage's parameters (for one chat when given), in order."""
        return [r.params for r in self.calls("sendMessage")
                if chat_id is None or str(r.params.get("chat_id")) == str(chat_id)]

    def sent_texts(self, chat_id: int) -> list[str]:
        return [str(p.get("text", "")) for p in self.sent(chat_id)]

    def confirmed(self, lane: str = "") -> int:
        """The highest update id the poller of ``lane`` has confirmed as handled."""
        with self._cond:
            return self._confirmed.get(lane, 0)

    def wait_for(self, predicate: Callable[[], bool], timeout: float = 15.0) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if predicate():
                return
            time.sleep(0.01)
        raise AssertionError("the bot did not get there in time")

    def wait_answer(self, chat_id: int, before: int, *, quiet: float = 0.15,
                    timeout: float = 15.0) -> list[str]:
        """Wait for a turn's messages to the chat (new ones, then a quiet spell); their texts."""
        self.wait_for(lambda: len(self.sent(chat_id)) > before, timeout)
        count, settled = len(self.sent(chat_id)), time.monotonic()
        while time.monotonic() - settled < quiet:
            time.sleep(0.02)
            if len(self.sent(chat_id)) != count:
                count, settled = len(self.sent(chat_id)), time.monotonic()
        return self.sent_texts(chat_id)[before:]

    def wait_replies(self, chat_id: int, count: int, timeout: float = 15.0) -> list[str]:
        """Wait until the chat has received ``count`` messages in total; return their texts."""
        self.wait_for(lambda: len(self.sent(chat_id)) >= count, timeout)
        return self.sent_texts(chat_id)

    # -- request handling -----------------------------------------------------------------

    def _handle(self, request: BaseHTTPRequestHandler) -> None:
        path = unquote(request.path.split("?", 1)[0])
        file_match = _FILE_PATH.match(path)
        if request.command == "GET" and file_match:
            name = file_match["path"].rsplit("/", 1)[-1].rsplit(".", 1)[0]
            data = self.files.get(name)
            if file_match["token"] != self.token or data is None:
                self._reply(request, 404, b"not found", "text/plain")
                return
            self._reply(request, 200, data, "application/octet-stream")
            return
        match = _PATH.match(path)
        if match is None or match["token"] != self.token:
            self._json(request, 404, {"ok": False, "error_code": 404, "description": "Not Found"})
            return
        params = self._params(request)
        lane, method = match["lane"] or "", match["method"]
        with self._cond:
            self.requests.append(Recorded(method, params, lane))
        with self._cond:
            failure = self._failures.get(method, [])
            status, description = failure.pop(0) if failure else (0, "")
        if status:
            self._json(request, status, {"ok": False, "error_code": status,
                                         "description": description})
            return
        handler = getattr(self, f"_api_{method}", None)
        if handler is None:
            self._json(request, 404, {"ok": False, "error_code": 404,
                                      "description": f"Not Found: method {method}"})
            return
        self._json(request, 200, {"ok": True, "result": handler(params, lane)})

    def _params(self, request: BaseHTTPRequestHandler) -> dict[str, Any]:
        length = int(request.headers.get("Content-Length") or 0)
        body = request.rfile.read(length) if length else b""
        kind = request.headers.get("Content-Type", "")
        if not body:
            return {}
        if kind.startswith("application/json"):
            loaded = json.loads(body)
            return loaded if isinstance(loaded, dict) else {}
        if kind.startswith("multipart/form-data"):
            message = BytesParser(policy=HTTP).parsebytes(
                f"Content-Type: {kind}\r\n\r\n".encode() + body)
            raw = {part.get_param("name", header="content-disposition"):
                   part.get_payload(decode=True) for part in message.iter_parts()}
            return {str(k): _maybe_json(v.decode(errors="replace")) if isinstance(v, bytes)
                    else v for k, v in raw.items()}
        fields = parse_qs(body.decode(), keep_blank_values=True)
        return {key: _maybe_json(values[-1]) for key, values in fields.items()}

    def _reply(self, request: BaseHTTPRequestHandler, status: int, body: bytes,
               kind: str) -> None:
        try:
            request.send_response(status)
            request.send_header("Content-Type", kind)
            request.send_header("Content-Length", str(len(body)))
            request.end_headers()
            request.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the bot hung up (it is stopping): nothing to deliver

    def _json(self, request: BaseHTTPRequestHandler, status: int, payload: Any) -> None:
        self._reply(request, status, json.dumps(payload).encode(), "application/json")

    # -- the API methods ------------------------------------------------------------------

    def _api_getMe(self, params: dict[str, Any], lane: str) -> Any:
        return BOT_USER

    def _api_getUpdates(self, params: dict[str, Any], lane: str) -> Any:
        offset = int(params.get("offset") or 0)
        limit = int(params.get("limit") or 100)
        timeout = min(float(params.get("timeout") or 0), MAX_LONG_POLL)
        deadline = time.monotonic() + timeout
        with self._cond:
            if offset:
                self._confirmed[lane] = max(self._confirmed.get(lane, 0), offset - 1)
            while True:
                queue = self._queues.setdefault(lane, [])
                queue[:] = [u for u in queue if int(u["update_id"]) >= offset]
                if queue or time.monotonic() >= deadline or self._server is None:
                    return queue[:limit]
                self._cond.wait(max(0.0, deadline - time.monotonic()))

    def _sent_message(self, params: dict[str, Any], **content: Any) -> dict[str, Any]:
        return {"message_id": next(self._message_ids), "date": int(time.time()),
                "chat": {"id": int(params.get("chat_id") or 0), "type": "private"},
                "from": BOT_USER, **content}

    def _api_sendMessage(self, params: dict[str, Any], lane: str) -> Any:
        return self._sent_message(params, text=str(params.get("text", "")))

    def _api_sendPhoto(self, params: dict[str, Any], lane: str) -> Any:
        return self._sent_message(params, photo=[{"file_id": "sent", "file_unique_id": "s",
                                                  "width": 1, "height": 1}])

    def _api_editMessageText(self, params: dict[str, Any], lane: str) -> Any:
        return self._sent_message(params, text=str(params.get("text", "")))

    def _api_editMessageReplyMarkup(self, params: dict[str, Any], lane: str) -> Any:
        return self._sent_message(params, text="(edited)")

    def _api_getFile(self, params: dict[str, Any], lane: str) -> Any:
        file_id = str(params.get("file_id"))
        size = len(self.files.get(file_id, b""))
        return {"file_id": file_id, "file_unique_id": f"u{file_id}", "file_size": size,
                "file_path": f"photos/{file_id}.jpg"}

    def _api_true(self, params: dict[str, Any], lane: str) -> Any:
        return True

    _api_answerCallbackQuery = _api_true
    _api_setWebhook = _api_true
    _api_deleteWebhook = _api_true
    _api_setMyCommands = _api_true
    _api_sendChatAction = _api_true
    _api_close = _api_true
    _api_logOut = _api_true


def _maybe_json(value: str) -> Any:
    if value[:1] in "[{":
        try:
            return json.loads(value)
        except ValueError:
            return value
    return value
