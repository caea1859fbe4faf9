"""intake.attachments: a case's files exist on disk exactly when its transaction committed."""

from __future__ import annotations

from pathlib import Path

import intake_factories as factories
import pytest
from sqlalchemy.orm import Session, sessionmaker

from intake.db import transaction
from intake.settings import Settings
from intake.submit import submit_case


class Refused(RuntimeError):
    """A failure after the files were written, before the commit."""


def files_under(directory: Path) -> list[Path]:
    return sorted(p for p in Path(directory).rglob("*") if p.is_file())


def with_photo() -> object:
    return factories.complaint(attachments=[factories.jpeg()])


def test_a_committed_submission_keeps_its_cleaned_and_sealed_files(
    session_factory: sessionmaker[Session], settings: Settings
) -> None:
    with transaction(session_factory) as session:
        submit_case(session, settings=settings, draft=with_photo())
    assert len(files_under(settings.upload_dir)) == 2


def test_a_rolled_back_submission_removes_the_files_it_wrote(
    session_factory: sessionmaker[Session], settings: Settings
) -> None:
    with transaction(session_factory) as session:
        submit_case(session, settings=settings, draft=with_photo())
    kept = files_under(settings.upload_dir)

    with pytest.raises(Refused), transaction(session_factory) as session:
        submit_case(session, settings=settings, draft=with_photo())
        assert len(files_under(settings.upload_dir)) == 4  # written before the commit
        raise Refused()

    assert files_under(settings.upload_dir) == kept


def test_a_rolled_back_savepoint_does_not_remove_files_the_transaction_then_commits(
    session_factory: sessionmaker[Session], settings: Settings
) -> None:
    with transaction(session_factory) as session:
        submit_case(session, settings=settings, draft=with_photo())
        with pytest.raises(Refused), session.begin_nested():
            raise Refused()
    assert len(files_under(settings.upload_dir)) == 2


def test_a_session_reused_after_a_rollback_forgets_the_removed_files(
    session: Session, settings: Settings
) -> None:
    submit_case(session, settings=settings, draft=with_photo())
    session.rollback()
    assert files_under(settings.upload_dir) == []
    submit_case(session, settings=settings, draft=with_photo())
    session.commit()
    assert len(files_under(settings.upload_dir)) == 2
