"""Describing a failure for the log without anything the person wrote.

Exception messages are not safe to log: a database error quotes its SQL parameters (a report
text, a contact), a Telegram error may quote the message. The log gets the exception's type
and where it was raised; the message and the locals stay out.
"""

from __future__ import annotations

import traceback


def describe_exception(exc: BaseException) -> str:
    """``TypeName at file.py:42 in function`` for the innermost frame, and the chain's types."""
    frames = traceback.extract_tb(exc.__traceback__) if exc.__traceback__ else []
    where = ""
    if frames:
        last = frames[-1]
        where = f" at {last.filename.rsplit('/', 1)[-1]}:{last.lineno} in {last.name}"
    causes: list[str] = []
    cause = exc.__cause__ or exc.__context__
    while cause is not None and len(causes) < 3:
        causes.append(type(cause).__name__)
        cause = cause.__cause__ or cause.__context__
    chain = f" (from {' <- '.join(causes)})" if causes else ""
    return f"{type(exc).__name__}{where}{chain}"
