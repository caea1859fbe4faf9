"""Keeping a case's files: the cleaned copy staff open and the sealed original, on disk.

The judging and cleaning of a file lives in :mod:`intake.uploads`; this module only decides
where the two results are kept and records them on the case. The reporter's file name is
never stored.
"""

from __future__ import annotations

import secrets
from collections.abc import Sequence
from pathlib import Path

from intake.drafts import NewAttachment
from intake.errors import AttachmentRejected
from intake.models import Attachment, Case
from intake.settings import Settings
from intake.uploads import PreparedAttachment, open_original, prepare_attachment

MAX_PER_SUBMISSION = 5
_EXTENSIONS = {"image/jpeg": "jpg", "image/png": "png", "application/pdf": "pdf"}


def prepare_all(settings: Settings, files: Sequence[NewAttachment]) -> list[PreparedAttachment]:
    """Every file judged and cleaned before anything is written; AttachmentRejected."""
    if len(files) > MAX_PER_SUBMISSION:
        raise AttachmentRejected(f"{len(files)} files, at most {MAX_PER_SUBMISSION}")
    return [prepare_attachment(settings=settings, data=item.data) for item in files]


def store_attachment(
    settings: Settings, *, case: Case, prepared: PreparedAttachment, message_id: int | None = None
) -> Attachment:
    """Write both files under the upload directory and return the (unsaved) row."""
    token = secrets.token_hex(16)
    extension = _EXTENSIONS.get(prepared.content_type, "bin")
    cleaned_rel = f"clean/{token}.{extension}"
    original_rel = f"sealed/{token}.bin"
    _write(Path(settings.upload_dir) / cleaned_rel, prepared.data)
    _write(Path(settings.upload_dir) / original_rel, prepared.original_ciphertext)
    return Attachment(
        case=case,
        message_id=message_id,
        token=token,
        content_type=prepared.content_type,
        size=prepared.size,
        sha256=prepared.sha256,
        cleaned_path=cleaned_rel,
        original_path=original_rel,
        original_size=prepared.original_size,
    )


def read_cleaned(settings: Settings, attachment: Attachment) -> bytes:
    """The cleaned copy's bytes (what staff open)."""
    return (Path(settings.upload_dir) / attachment.cleaned_path).read_bytes()


def read_original(settings: Settings, attachment: Attachment) -> bytes:
    """The untouched original, unsealed: for an evidence request only."""
    sealed = (Path(settings.upload_dir) / attachment.original_path).read_bytes()
    return open_original(settings=settings, sealed=sealed)


def _write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    path.write_bytes(data)
