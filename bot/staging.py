"""Photos waiting for their case: sealed files on disk, named by a random token.

A photo arrives steps before the case exists. Its bytes are too big for the conversation row,
so the original is sealed (AES-GCM, a key derived for this purpose only) under
``data_dir/bot-staging`` and the draft keeps only the token. The directory must be shared by
every bot instance, as the upload directory already is. On submission the originals go to
the intake service, which cleans and seals them for good; on cancel or timeout they are
deleted.
"""

from __future__ import annotations

import contextlib
import os
import secrets
from pathlib import Path

from intake.crypto import Sealer
from intake.settings import Settings

PURPOSE = "bot-staging"


class StagedPhotoMissing(LookupError):
    """The staged file is gone (deleted by a timeout or another instance)."""


def _dir(settings: Settings) -> Path:
    return Path(settings.data_dir) / "bot-staging"


def _path(settings: Settings, token: str) -> Path:
    if not token.isalnum():
        raise StagedPhotoMissing("malformed token")
    return _dir(settings) / f"{token}.bin"


def stage(settings: Settings, data: bytes) -> str:
    """Seal ``data`` to disk and return its token."""
    token = secrets.token_hex(16)
    sealed = Sealer.for_purpose(settings.keys.encryption_key, PURPOSE).seal(data, token.encode())
    folder = _dir(settings)
    folder.mkdir(parents=True, exist_ok=True)
    fd = os.open(_path(settings, token), os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as handle:
        handle.write(sealed)
    return token


def load(settings: Settings, token: str) -> bytes:
    """The original bytes of a staged photo; StagedPhotoMissing when it is gone."""
    try:
        sealed = _path(settings, token).read_bytes()
    except FileNotFoundError as exc:
        raise StagedPhotoMissing(token) from exc
    return Sealer.for_purpose(settings.keys.encryption_key, PURPOSE).open(sealed, token.encode())


def discard(settings: Settings, tokens: list[str]) -> None:
    """Delete staged photos; already-missing ones are fine."""
    for token in tokens:
        with contextlib.suppress(StagedPhotoMissing, FileNotFoundError):
            _path(settings, token).unlink()
