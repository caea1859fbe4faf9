"""Plain factory functions for intake test data (no magic, every default visible)."""

from __future__ import annotations

import io
import itertools

from PIL import Image
from sqlalchemy.orm import Session

from intake.drafts import CaseDraft, ContactDetails, NewAttachment, ReporterIdentity, Submission
from intake.models import StaffUser
from intake.settings import Settings
from intake.staff import create_staff
from intake.submit import submit_case

PASSWORD = "correct horse battery"
_counter = itertools.count(1)

COMPLAINT_TEXT = "在幸福路的老王川菜馆吃了凉拌菜后全家腹泻，要求退款"
TIP_TEXT = "华联超市把过期的酸奶改了生产日期重新上架销售"


def contact() -> ContactDetails:
    return ContactDetails(name="张三", phone="13800000000")


def complaint(**changes: object) -> CaseDraft:
    fields: dict[str, object] = {
        "kind": "complaint",
        "channel": "web",
        "text": COMPLAINT_TEXT,
        "business_name": "老王川菜馆",
        "place": "幸福路88号",
        "contact": contact(),
    }
    fields.update(changes)
    return CaseDraft(**fields)  # type: ignore[arg-type]


def tip(**changes: object) -> CaseDraft:
    fields: dict[str, object] = {
        "kind": "tip",
        "channel": "telegram",
        "text": TIP_TEXT,
        "business_name": "华联超市",
    }
    fields.update(changes)
    return CaseDraft(**fields)  # type: ignore[arg-type]


def submit(
    session: Session,
    settings: Settings,
    draft: CaseDraft | None = None,
    reporter: ReporterIdentity | None = None,
) -> Submission:
    result = submit_and_keep(session, settings, draft, reporter)
    session.commit()
    return result


def staff(
    session: Session,
    settings: Settings,
    *,
    bureau: str = "samr",
    role: str = "handler",
    username: str | None = None,
) -> StaffUser:
    """A committed staff user."""
    user = staff_only(session, settings, bureau=bureau, role=role, username=username)
    session.commit()
    return user


def jpeg(size: tuple[int, int] = (32, 24)) -> NewAttachment:
    out = io.BytesIO()
    exif = Image.Exif()
    exif[0x010F] = "CameraMakerMarker"
    Image.new("RGB", size, (10, 120, 30)).save(out, format="JPEG", exif=exif.tobytes())
    return NewAttachment(filename="IMG_0001.jpg", content_type="image/jpeg", data=out.getvalue())


def submit_case_only(session: Session, settings: Settings, draft: CaseDraft | None = None) -> str:
    """Submit inside the caller's transaction and return the receipt."""
    return submit_and_keep(session, settings, draft).receipt


def submit_and_keep(
    session: Session,
    settings: Settings,
    draft: CaseDraft | None = None,
    reporter: ReporterIdentity | None = None,
) -> Submission:
    """Submit inside the caller's transaction (no commit)."""
    return submit_case(session, settings=settings, draft=draft or complaint(), reporter=reporter)


def staff_only(
    session: Session,
    settings: Settings,
    *,
    bureau: str,
    role: str = "handler",
    username: str | None = None,
) -> StaffUser:
    """Create staff inside the caller's transaction (no commit)."""
    return create_staff(
        session,
        settings=settings,
        username=username or f"{bureau}.{role}.{next(_counter)}",
        password=PASSWORD,
        bureau=bureau,
        role=role,
        display_name=f"{bureau} {role}",
    )
