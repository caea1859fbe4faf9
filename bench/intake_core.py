"""How much the intake core costs over bare database work, measured in one process.

Prints ratios against baselines run on the same machine and database a moment before, so
the numbers mean the same on a slow laptop and a fast server:

- submit: ``submit_case`` (receipt, deadline, contact sealing, audit, duplicate search)
  against inserting an equivalent bare row; routing is fixed here (routing has its own bench);
- lookup: ``find_case_by_receipt`` (HMAC, index hit, throttle check) against a select by id;
- full queue: ``submit_case`` with 1,000 open cases about similar businesses against an
  empty database (the duplicate search must stay cheap as the queue fills).

Usage: ``.venv/bin/python bench/intake_core.py [--n 300] [--postgres postgresql://…]``
(with ``--postgres`` the bench creates a private database on that server and drops it).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from datetime import date
from pathlib import Path

from sqlalchemy import create_engine, select, text
from sqlalchemy.engine import make_url

from intake.db import make_engine, make_session_factory, transaction
from intake.drafts import CaseDraft, ContactDetails
from intake.migrate import upgrade
from intake.models import Case
from intake.receipts import new_receipt, receipt_hash
from intake.routing.decision import RoutingDecision
from intake.service import find_case_by_receipt, submit_case
from intake.settings import Keys, Settings
from knowledge.text import normalize, tokenize

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


class FixedRouter:
    decision = RoutingDecision(lead="samr", confidence=0.9, needs_review=False)

    def route(self, text: str) -> RoutingDecision:
        return self.decision


def draft(n: int) -> CaseDraft:
    shop = f"{SHOPS[n % len(SHOPS)]}{n % 50}号店"
    return CaseDraft(
        kind="complaint",
        channel="web",
        text=f"第{n}号投诉：在{shop}买到的熟食有异味，吃后腹泻，要求退款",
        business_name=shop,
        contact=ContactDetails(phone=f"138{n:08d}"),
    )


def timed(label: str, n: int, run: Callable[[int], object]) -> float:
    start = time.perf_counter()
    for i in range(n):
        run(i)
    per = (time.perf_counter() - start) / n
    print(f"  {label:<44} {per * 1000:8.2f} ms/op")
    return per


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=300)
    parser.add_argument("--postgres", default=None, help="server URL; a private DB is used")
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="foodsafe-bench-"))
    if args.postgres:
        with private_postgres(args.postgres) as url:
            return run(url, tmp, args.n)
    return run(f"sqlite:///{tmp / 'bench.sqlite3'}", tmp, args.n)


@contextmanager
def private_postgres(server: str) -> Iterator[str]:
    admin_url = make_url(server).set(drivername="postgresql+psycopg")
    name = f"foodsafe_bench_{uuid.uuid4().hex[:12]}"
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield admin_url.set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def run(url: str, tmp: Path, n: int) -> int:
    upgrade(url)
    factory = make_session_factory(make_engine(url))
    settings = replace(Settings(keys=Keys.generate()), data_dir=tmp / "var", database_url=url)
    router = FixedRouter()
    print(f"intake bench on {url.split(':')[0]} (n={n})")

    def bare_insert(i: int) -> None:
        with transaction(factory) as session:
            session.add(
                Case(
                    case_number=f"B{i:08d}",
                    kind="complaint",
                    channel="web",
                    text=draft(i).text,
                    business_name=draft(i).business_name,
                    status="received",
                    lead_bureau="samr",
                    routing={},
                    receipt_hash=receipt_hash(settings.keys.receipt_key, new_receipt()),
                    received_on=date.today(),
                )
            )

    receipts: list[str] = []

    def service_submit(i: int) -> None:
        with transaction(factory) as session:
            receipts.append(
                submit_case(session, settings=settings, draft=draft(i), router=router).receipt
            )

    tokenize(normalize("预热分词器"))  # load jieba's dictionary before anything is timed
    base_submit = timed("baseline: insert a bare case row", n, bare_insert)
    with transaction(factory) as session:
        session.query(Case).delete()
    empty_submit = timed("submit_case on an almost empty queue", n, service_submit)
    print(f"  submit / bare insert ratio: {empty_submit / base_submit:.1f}x")

    ids = [row for row in factory().scalars(select(Case.id))]

    def bare_select(i: int) -> None:
        with factory() as session:
            session.get(Case, ids[i % len(ids)])

    def lookup(i: int) -> None:
        with factory() as session:
            find_case_by_receipt(
                session, settings=settings, receipt=receipts[i % len(receipts)], client_key="bench"
            )

    base_lookup = timed("baseline: select a case by id", n, bare_select)
    service_lookup = timed("find_case_by_receipt", n, lookup)
    print(f"  lookup / select ratio: {service_lookup / base_lookup:.1f}x")

    for i in range(n, 1000):
        service_submit(i)
    full_submit = timed(
        "submit_case with 1,000 open similar cases", n, lambda i: service_submit(i + 1000)
    )
    print(f"  full queue / empty queue ratio: {full_submit / empty_submit:.1f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
