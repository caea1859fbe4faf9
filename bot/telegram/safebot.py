"""An ExtBot that survives malformed updates instead of stalling on them.

PTB parses a whole getUpdates batch at once; one update it cannot parse makes the batch
fail, is logged with its raw content (a person's text and ids) at CRITICAL, and is fetched
again forever because the offset never moves past it. Here each raw update is tried on its
own and a malformed one is replaced by a bare ``{"update_id": n}``: no handler matches it,
the offset moves on, and nothing of its content reaches a log.
"""

from __future__ import annotations

import logging
from typing import Any

from telegram import Update
from telegram.ext import ExtBot

log = logging.getLogger(__name__)


def _sanitised(raw: Any, bot: ExtBot[Any]) -> dict[str, Any] | None:
    if not isinstance(raw, dict) or not isinstance(raw.get("update_id"), int):
        log.warning("dropped an update without an id")
        return None
    try:
        Update.de_json(raw, bot)
    except Exception:  # any parse failure: the content is not trusted, nor logged
        log.warning("update %d was malformed; skipped", raw["update_id"])
        return {"update_id": raw["update_id"]}
    return raw


class SafeBot(ExtBot[Any]):
    async def _post(self, endpoint: str, data: dict[str, Any] | None = None,
                    **kwargs: Any) -> Any:
        result = await super()._post(endpoint, data, **kwargs)
        if endpoint != "getUpdates" or not isinstance(result, list):
            return result
        kept = (_sanitised(raw, self) for raw in result)
        return [raw for raw in kept if raw is not None]
