"""1,000 submissions from 16 threads on each database: every receipt unique and
retrievable, no case lost or duplicated."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from sqlalchemy import func, select

from intake.db import transaction
from intake.drafts import CaseDraft, ContactDetails
from intake.models import Case
from intake.routing.router import default_router
from intake.service import find_case_by_receipt, submit_case

SUBMISSIONS = 1000
THREADS = 16
SHOPS = [
    "老王川菜馆",
    "华联超市",
    "鲜果园",
    "好味炸鸡",
    "喜乐酒店",
    "丰收粮油",
    "康健药房",
    "阿强烧烤",
]


def _draft(n: int) -> CaseDraft:
    shop = f"{SHOPS[n % len(SHOPS)]}{n}号店"
    if n % 2:
        return CaseDraft(
            kind="tip", channel="telegram", text=f"第{n}号举报：{shop}卫生差", business_name=shop
        )
    return CaseDraft(
        kind="complaint",
        channel="web",
        text=f"第{n}号投诉：在{shop}买到变质食品",
        business_name=shop,
        contact=ContactDetails(phone=f"138{n:08d}"),
    )


@pytest.mark.slow
def test_a_thousand_concurrent_submissions_are_all_kept_and_retrievable(session_factory, settings):
    router = default_router()  # the real one, built once before the threads start
    receipts: dict[int, str] = {}
    lock = threading.Lock()

    def submit(n: int) -> None:
        with transaction(session_factory) as session:
            result = submit_case(session, settings=settings, draft=_draft(n), router=router)
        with lock:
            receipts[n] = result.receipt

    with ThreadPoolExecutor(max_workers=THREADS) as pool:
        list(pool.map(submit, range(SUBMISSIONS)))

    assert len(receipts) == SUBMISSIONS
    assert len(set(receipts.values())) == SUBMISSIONS
    with session_factory() as session:
        assert session.scalar(select(func.count(Case.id))) == SUBMISSIONS
        assert session.scalar(select(func.count(func.distinct(Case.case_number)))) == SUBMISSIONS
        for n, receipt in receipts.items():
            view = find_case_by_receipt(
                session, settings=settings, receipt=receipt, client_key="checker"
            )
            assert view.kind == ("tip" if n % 2 else "complaint")
        texts = set(session.scalars(select(Case.text)))
    assert texts == {_draft(n).text for n in range(SUBMISSIONS)}
