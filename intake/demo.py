"""Demo data for a local install: staff for several bureaus and every role, a dozen cases.

Each case is filed the day after it happened, so the oldest still waiting is overdue and
the queue's overdue and due-soon filters have something to show.

Demo passwords are derived from the install's session key, so they are not in the code,
differ per install, and re-running ``foodsafe demo-data`` prints the same ones again.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from intake import actions, audit
from intake.clock import local_today
from intake.drafts import CaseDraft, ContactDetails, ReporterIdentity, Submission
from intake.models import AuditEvent, StaffUser
from intake.models.columns import utcnow
from intake.settings import Settings
from intake.staff import create_staff, totp_secret, totp_uri
from intake.submit import submit_case

DEMO_STAFF = (
    ("samr.handler", "王敏（市场监管局受理员）", "samr", "handler"),
    ("samr.lead", "李强（市场监管局科长）", "samr", "lead"),
    ("health.handler", "陈静（卫健局）", "health", "handler"),
    ("edu.handler", "刘洋（教体局）", "edu", "handler"),
    ("agri.handler", "赵磊（农业农村局）", "agri", "handler"),
    ("cle.handler", "孙悦（综合执法局）", "cle", "handler"),
    ("fso.coordinator", "周岚（区食安办协调员）", "fso", "coordinator"),
    ("fso.admin", "吴昊（系统管理员）", "fso", "admin"),
    ("fso.custodian", "郑洁（举报人信息保管人）", "fso", "custodian"),
)

# (kind, channel, text, business, place, days ago it happened, contact?, telegram user?)
DEMO_CASES: tuple[tuple[str, str, str, str | None, str | None, int, bool, str | None], ...] = (
    (
        "complaint",
        "web",
        "昨天在幸福路88号的老王川菜馆吃了凉拌菜，晚上全家三口都腹泻呕吐，"
        "要求商家退款并赔偿医药费。",
        "老王川菜馆",
        "幸福路88号",
        1,
        True,
        None,
    ),
    (
        "tip",
        "telegram",
        "我在华联超市上班，店里把过期的酸奶改了生产日期重新上架，每周都这样。",
        "华联超市（建设路店）",
        "建设路12号",
        2,
        False,
        "1001",
    ),
    (
        "complaint",
        "telegram",
        "在鲜果园水果店买的草莓有很重的农药味，孩子吃了嘴唇发麻。",
        "鲜果园水果店",
        "东街菜市场",
        3,
        True,
        "1002",
    ),
    (
        "tip",
        "web",
        "实验小学食堂的厨工不戴口罩帽子，剩菜第二天再给学生吃。",
        "实验小学食堂",
        "学府路1号",
        4,
        False,
        None,
    ),
    (
        "tip",
        "web",
        "南村有人私自屠宰生猪，没有检疫章，直接卖给附近饭店。",
        None,
        "南村养殖场旁",
        5,
        False,
        None,
    ),
    (
        "complaint",
        "web",
        "外卖平台上的'好味炸鸡'送来的鸡块里有一根头发，商家拒绝退款。",
        "好味炸鸡",
        "人民路外卖店",
        6,
        True,
        None,
    ),
    (
        "tip",
        "chat",
        "夜市烧烤摊用的油是地沟油，晚上收摊后把废油倒进下水道。",
        "夜市烧烤摊",
        "滨河夜市",
        7,
        False,
        None,
    ),
    (
        "complaint",
        "web",
        "在大润发买的进口奶粉没有中文标签，客服说是正规渠道，我要求退货。",
        "大润发超市",
        "新城区购物中心",
        8,
        True,
        None,
    ),
    (
        "tip",
        "telegram",
        "粮库附近的粮油店卖的大米发霉了，还混着新米一起卖。",
        "丰收粮油店",
        "粮库路3号",
        9,
        False,
        "1003",
    ),
    (
        "complaint",
        "web",
        "婚宴上在喜乐大酒店吃饭后二十多位宾客出现腹泻发烧，已有人住院。",
        "喜乐大酒店",
        "中山路99号",
        10,
        True,
        None,
    ),
    (
        "tip",
        "web",
        "街角的无证小作坊做豆腐，环境很脏，污水直接排到河里。",
        None,
        "河西巷",
        11,
        False,
        None,
    ),
    (
        "complaint",
        "api",
        "网购的保健品宣传能治疗糖尿病，吃了一个月没有效果，要求退款。",
        "康健保健品网店",
        None,
        30,
        True,
        None,
    ),
)

MARKER = "demo_data_loaded"


@dataclass(frozen=True)
class DemoLogin:
    username: str
    display_name: str
    bureau: str
    role: str
    password: str
    totp_secret: str
    totp_uri: str
    created: bool


def demo_password(settings: Settings, username: str) -> str:
    digest = hmac.new(settings.keys.session_key, f"demo:{username}".encode(), hashlib.sha256)
    return base64.b32encode(digest.digest()).decode()[:16].lower()


def ensure_demo_staff(session: Session, *, settings: Settings) -> list[DemoLogin]:
    """Create the missing demo staff; return every demo login (idempotent)."""
    logins = []
    for username, display_name, bureau, role in DEMO_STAFF:
        user = session.scalar(select(StaffUser).where(StaffUser.username == username))
        created = user is None
        if user is None:
            user = create_staff(
                session,
                settings=settings,
                username=username,
                password=demo_password(settings, username),
                bureau=bureau,
                role=role,
                display_name=display_name,
            )
        logins.append(
            DemoLogin(
                username,
                user.display_name,
                user.bureau,
                user.role,
                demo_password(settings, username),
                totp_secret(settings, user),
                totp_uri(settings, user),
                created,
            )
        )
    return logins


def load_demo_cases(session: Session, *, settings: Settings) -> list[Submission]:
    """Submit the demo cases once; later runs return an empty list."""
    if session.scalar(select(AuditEvent.id).where(AuditEvent.action == MARKER)) is not None:
        return []
    today = local_today()
    submissions = []
    for kind, channel, text, business, place, days_ago, with_contact, user_id in DEMO_CASES:
        contact = ContactDetails(name="演示用户", phone="13900000000") if with_contact else None
        draft = CaseDraft(
            kind=kind,
            channel=channel,
            text=text,
            business_name=business,
            place=place,
            occurred_on=today - timedelta(days=days_ago),
            contact=contact,
        )
        reporter = ReporterIdentity("telegram", user_id) if user_id else None
        filed = utcnow() - timedelta(days=max(days_ago - 1, 0))
        submissions.append(
            submit_case(session, settings=settings, draft=draft, reporter=reporter, now=filed)
        )
    _advance_some(session, settings=settings, submissions=submissions)
    audit.record(session, action=MARKER, actor="system", detail={"cases": len(submissions)})
    return submissions


def _advance_some(session: Session, *, settings: Settings, submissions: list[Submission]) -> None:
    """Move a few demo cases along the workflow so every status shows up in the queue."""
    coordinator = session.scalar(select(StaffUser).where(StaffUser.username == "fso.coordinator"))
    if coordinator is None or len(submissions) < 6:
        return
    number = [s.case_number for s in submissions]
    actions.accept_case(session, case_number=number[1], settings=settings, actor=coordinator)
    actions.accept_case(session, case_number=number[2], settings=settings, actor=coordinator)
    actions.start_case(session, case_number=number[2], settings=settings, actor=coordinator)
    actions.reply_to_reporter(
        session,
        case_number=number[2],
        text="已派执法人员现场检查，请保留购物凭证。",
        settings=settings,
        actor=coordinator,
    )
    actions.reject_case(
        session,
        case_number=number[5],
        reason="已由平台先行赔付，双方达成和解，不予受理。",
        settings=settings,
        actor=coordinator,
    )
