"""Keeping a case's files: the cleaned copy staff open and the sealed original, on disk.

The judging and cleaning of a file lives in :mod:`intake.uploads`; this module only decides
where the two results are kept and records them on the case. The reporter's file name is
never stored.

Files are written before the transaction that records them commits (the row must name
them), so every file written is noted on the session and deleted again when the outermost
transaction ends without a commit: a refused or failed submission leaves nothing on disk.
"""

from __future__ import annotations

import contextlib
import secrets
from collections.abc import Sequence
from pathlib import Path

from sqlalchemy import event
from sqlalchemy.orm import Session, SessionTransaction

from intake.drafts import NewAttachment
from intake.errors import AttachmentRejected
from intake.models import Attachment, Case
from intake.settings import Settings
from intake.uploads import PreparedAttachment, open_original, prepare_attachment

MAX_PER_SUBMISSION = 5


class TooManyAttachments(AttachmentRejected):
    """More files than one submission takes: said as such (the generic refusal spoke of a
    file's type or size, so a person with six good photos could not tell what to change)."""

    code = "attachment_too_many"
    zh = f"一次最多附 {MAX_PER_SUBMISSION} 个文件，请删去一些后再提交。"
    en = f"At most {MAX_PER_SUBMISSION} files per submission; please remove some and submit again."
_EXTENSIONS = {"image/jpeg": "jpg", "image/png": "png", "application/pdf": "pdf"}
# session.info key: files written in the session's current transaction, not yet committed.
_UNCOMMITTED = "intake.attachments.uncommitted"


def prepare_all(settings: Settings, files: Sequence[NewAttachment]) -> list[PreparedAttachment]:
    """Every file judged and cleaned before anything is written; AttachmentRejected."""
    if len(files) > MAX_PER_SUBMISSION:
        raise TooManyAttachments(f"{len(files)} files, at most {MAX_PER_SUBMISSION}")
    return [prepare_attachment(settings=settings, data=item.data) for item in files]


def store_attachment(
    session: Session,
    settings: Settings,
    *,
    case: Case,
    prepared: PreparedAttachment,
    message_id: int | None = None,
) -> Attachment:
    """Write both files under the upload directory and return the (unsaved) row.

    The files are removed again if ``session``'s transaction does not commit.
    """
    token = secrets.token_hex(16)
    extension = _EXTENSIONS.get(prepared.content_type, "bin")
    cleaned_rel = f"clean/{token}.{extension}"
    original_rel = f"sealed/{token}.bin"
    files = ((cleaned_rel, prepared.data), (original_rel, prepared.original_ciphertext))
    for relative, data in files:
        path = Path(settings.upload_dir) / relative
        _pending(session).append(path)
        _write(path, data)
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


def _pending(session: Session) -> list[Path]:
    """The session's uncommitted files, its clean-up hooks installed on first use."""
    pending: list[Path] | None = session.info.get(_UNCOMMITTED)
    if pending is None:
        pending = session.info[_UNCOMMITTED] = []
        event.listen(session, "after_commit", _forget_committed)
        event.listen(session, "after_transaction_end", _remove_uncommitted)
    return pending


def _forget_committed(session: Session) -> None:
    """Committed: the rows now name the files, which stay."""
    session.info[_UNCOMMITTED].clear()


def _remove_uncommitted(session: Session, transaction: SessionTransaction) -> None:
    """The outermost transaction ended without a commit: nothing names these files."""
    if transaction.parent is not None or transaction.nested:
        return  # a savepoint or subtransaction; the outer transaction decides
    pending = session.info[_UNCOMMITTED]
    while pending:
        with contextlib.suppress(FileNotFoundError):
            pending.pop().unlink()
