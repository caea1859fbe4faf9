"""Load and faults through the real web stack: gunicorn on a private PostgreSQL database.

    .venv/bin/python bench/load.py                      # 5,000 submissions, 50 clients
    .venv/bin/python bench/load.py --faults             # the same, killing a gunicorn worker
                                                        # and restarting PostgreSQL midway
    .venv/bin/python bench/load.py --submissions 200 --clients 10   # a quick look

What it proves, and prints: every submission the server acknowledged (a receipt on the
page) is in the database, found by the keyed hash of that receipt, holding its own text;
no submission is stored twice; no 5xx without a fault (with faults: only clean refusals,
503 "try again" or a dropped connection, never a receipt for a case that was not stored);
the server's log holds no report text. Figures: load held, p50/p99, faults injected,
cases lost (must be 0).

``--faults`` restarts the shared PostgreSQL cluster (``pg_ctlcluster --skip-systemctl-redirect
15 main restart``): other people's tests on the same server see their connections drop.
Run it deliberately. Everything else stays private: a database created for the run and
dropped after it, gunicorn on a free port of 127.0.0.1, a temporary data directory.
"""

from __future__ import annotations

import argparse
import hashlib
import hmac
import os
import queue
import re
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import requests
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

ROOT = Path(__file__).resolve().parent.parent
BIN = ROOT / ".venv" / "bin"
DEFAULT_PG = os.environ.get("FOODSAFE_TEST_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/test")
PG_RESTART = ["pg_ctlcluster", "--skip-systemctl-redirect", "15", "main", "restart"]
KEY_NAMES = ("pseudonym_key", "receipt_key", "encryption_key", "session_key")

TEXTS = (
    "在{place}的{shop}吃了凉拌菜，晚上全家腹泻，要求退款赔偿。",
    "{shop}卖的酸奶已经过期，改了生产日期又摆上货架。",
    "{place}菜市场的{shop}猪肉没有检疫章，颜色发暗。",
    "{shop}后厨老鼠乱窜，餐具不消毒，员工没有健康证。",
    "孩子学校食堂（{shop}承包）饭菜有异味，好几个学生呕吐。",
)
SHOPS = ("老王饭店", "华联超市", "幸福小吃", "阳光食堂", "张记熟食", "绿源生鲜")
PLACES = ("幸福路", "人民路", "解放街", "东湖小区", "新华里")
RECEIPT = re.compile(r'id="receipt">\s*([0-9A-Z-]+)\s*<')
CASE_NUMBER = re.compile(r"(FS\d{4}-[0-9A-Z]{5}-[0-9A-Z]{5})")
TOKEN = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')


@dataclass
class Outcome:
    index: int
    marker: str
    status: int | None  # None: the connection failed
    seconds: float
    receipt: str | None = None
    case_number: str | None = None


@dataclass
class Faults:
    injected: list[str] = field(default_factory=list)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def private_database(base_url: str) -> tuple[str, str]:
    """Create a database for this run; returns (its URL, its name)."""
    admin = make_url(base_url).set(drivername="postgresql+psycopg")
    name = f"foodsafe_load_{secrets.token_hex(6)}"
    engine = create_engine(admin, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    engine.dispose()
    return admin.set(database=name).render_as_string(hide_password=False), name


def drop_database(base_url: str, name: str) -> None:
    admin = make_url(base_url).set(drivername="postgresql+psycopg")
    engine = create_engine(admin, isolation_level="AUTOCOMMIT")
    for _ in range(10):
        try:
            with engine.connect() as conn:
                conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            break
        except Exception:  # the server may still be coming back from a restart
            time.sleep(1)
    engine.dispose()


def start_gunicorn(
    env: dict[str, str], port: int, workers: int, log: Path
) -> subprocess.Popen[bytes]:
    command = [
        str(BIN / "gunicorn"), "--preload", "--workers", str(workers), "--worker-class", "gthread",
        "--threads", "4", "--bind", f"127.0.0.1:{port}", "--timeout", "60",
        "--graceful-timeout", "5", "--chdir", str(ROOT), "bench.load_wsgi:app",
    ]
    handle = log.open("wb")
    server = subprocess.Popen(command, env=env, stdout=handle, stderr=subprocess.STDOUT)
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"gunicorn exited early; see {log}")
        try:
            if requests.get(f"http://127.0.0.1:{port}/healthz", timeout=2).ok:
                return server
        except requests.RequestException:
            time.sleep(0.5)
    server.terminate()
    raise SystemExit("gunicorn did not answer /healthz within 90 s")


def worker_pids(master: int) -> list[int]:
    found = subprocess.run(["ps", "-o", "pid=", "--ppid", str(master)], capture_output=True,
                           text=True, check=False)
    return [int(p) for p in found.stdout.split()]


def submission(index: int, run: str) -> tuple[str, str, dict[str, str]]:
    kind = "tip" if index % 2 else "complaint"
    marker = f"LOAD{run}N{index:05d}"
    body = TEXTS[index % len(TEXTS)].format(shop=SHOPS[index % len(SHOPS)],
                                            place=PLACES[index % len(PLACES)])
    data = {"text": f"{body}（编号 {marker}）", "business_name": SHOPS[index % len(SHOPS)],
            "place": PLACES[index % len(PLACES)]}
    if kind == "complaint":
        data.update(name="测试", phone=f"138{index:08d}")
    return kind, marker, data


def client_loop(base: str, jobs: queue.Queue[int], results: list[Outcome], run: str,
                lock: threading.Lock) -> None:
    http = requests.Session()
    while True:
        try:
            index = jobs.get_nowait()
        except queue.Empty:
            return
        kind, marker, data = submission(index, run)
        started = time.perf_counter()
        outcome = Outcome(index, marker, None, 0.0)
        try:
            # A page of the form per submission, as a browser has: the app files a page once.
            token = TOKEN.search(http.get(f"{base}/{kind}", timeout=30).text).group(1)
            response = http.post(f"{base}/{kind}", data={"csrf_token": token, **data}, timeout=60)
            outcome.status = response.status_code
            found = RECEIPT.search(response.text)
            if response.status_code == 200 and found:
                outcome.receipt = found.group(1)
                number = CASE_NUMBER.search(response.text)
                outcome.case_number = number.group(1) if number else None
        except (requests.RequestException, AttributeError):
            http = requests.Session()
        outcome.seconds = time.perf_counter() - started
        with lock:
            results.append(outcome)


def inject_faults(master: int, results: list[Outcome], total: int, faults: Faults,
                  stop: threading.Event) -> None:
    """A SIGKILLed worker at 30 % of the load, a PostgreSQL restart at 60 %."""
    plan = [(0.30, "kill"), (0.60, "pg")]
    while plan and not stop.is_set():
        share, what = plan[0]
        if len(results) < share * total:
            time.sleep(0.05)
            continue
        plan.pop(0)
        if what == "kill":
            victims = worker_pids(master)
            if victims:
                os.kill(victims[0], signal.SIGKILL)
                faults.injected.append(f"SIGKILL gunicorn worker {victims[0]} at {len(results)}")
        else:
            started = time.monotonic()
            done = subprocess.run(PG_RESTART, capture_output=True, text=True, check=False)
            took = time.monotonic() - started
            faults.injected.append(
                f"PostgreSQL restart at {len(results)} (rc={done.returncode}, {took:.1f} s)")


def stored_cases(url: str, run: str) -> tuple[dict[str, tuple[str, str]], int]:
    """marker -> (case_number, receipt_hash), and how many markers were stored twice."""
    engine = create_engine(make_url(url).set(drivername="postgresql+psycopg"))
    with engine.connect() as conn:
        found = conn.execute(
            text("SELECT case_number, receipt_hash, text FROM cases WHERE text LIKE :p"),
            {"p": f"%LOAD{run}N%"},
        ).all()
    engine.dispose()
    pattern = re.compile(rf"LOAD{run}N\d{{5}}")
    by_marker: dict[str, list[tuple[str, str]]] = {}
    for number, digest, body in found:
        for marker in pattern.findall(body):
            by_marker.setdefault(marker, []).append((number, digest))
    duplicates = sum(1 for stored in by_marker.values() if len(stored) > 1)
    return {m: v[0] for m, v in by_marker.items()}, duplicates


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))] if ordered else 0.0


def sample_status_lookups(base: str, acknowledged: list[Outcome], count: int) -> int:
    """Look a sample of receipts up through the status page; returns how many resolved."""
    http = requests.Session()
    token = TOKEN.search(http.get(f"{base}/status", timeout=30).text).group(1)
    resolved = 0
    for outcome in acknowledged[:count]:
        page = http.post(f"{base}/status", data={"csrf_token": token, "receipt": outcome.receipt},
                         timeout=30)
        resolved += page.status_code == 200 and (outcome.case_number or "?") in page.text
    return resolved


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--submissions", type=int, default=5000)
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--workers", type=int, default=3)
    parser.add_argument("--faults", action="store_true", help="kill a worker, restart PostgreSQL")
    parser.add_argument("--postgres", default=DEFAULT_PG)
    parser.add_argument("--lookups", type=int, default=200, help="status lookups to sample")
    args = parser.parse_args()

    run = secrets.token_hex(3).upper()
    url, name = private_database(args.postgres)
    workdir = Path(tempfile.mkdtemp(prefix="foodsafe-load-"))
    keys = {f"FOODSAFE_{n.upper()}": secrets.token_hex(32) for n in KEY_NAMES}
    env = {**os.environ, **keys, "FOODSAFE_DATABASE_URL": url,
           "FOODSAFE_DATA_DIR": str(workdir / "var"), "FOODSAFE_LOG_LEVEL": "INFO",
           "FOODSAFE_KEY_FILE": str(workdir / "none.json")}
    env.pop("FOODSAFE_REDIS_URL", None)
    migrate = f"from intake.migrate import upgrade; upgrade({url!r})"
    subprocess.run([str(BIN / "python"), "-c", migrate], check=True, env=env)
    port = free_port()
    log = workdir / "gunicorn.log"
    server = start_gunicorn(env, port, args.workers, log)
    base = f"http://127.0.0.1:{port}"
    results: list[Outcome] = []
    faults = Faults()
    try:
        jobs: queue.Queue[int] = queue.Queue()
        for index in range(args.submissions):
            jobs.put(index)
        lock = threading.Lock()
        stop = threading.Event()
        injector = threading.Thread(target=inject_faults,
                                    args=(server.pid, results, args.submissions, faults, stop))
        if args.faults:
            injector.start()
        started = time.perf_counter()
        clients = [threading.Thread(target=client_loop, args=(base, jobs, results, run, lock))
                   for _ in range(args.clients)]
        for thread in clients:
            thread.start()
        for thread in clients:
            thread.join()
        elapsed = time.perf_counter() - started
        stop.set()
        if args.faults:
            injector.join()
        acknowledged = [r for r in results if r.receipt]
        time.sleep(1)
        resolved = sample_status_lookups(base, acknowledged, args.lookups)
    finally:
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()

    stored, duplicates = stored_cases(url, run)
    receipt_key = bytes.fromhex(keys["FOODSAFE_RECEIPT_KEY"])
    lost = wrong = 0
    for outcome in acknowledged:
        case = stored.get(outcome.marker)
        digest = hmac.new(receipt_key, (outcome.receipt or "").encode(), hashlib.sha256).hexdigest()
        if case is None:
            lost += 1
        elif case[1] != digest or case[0] != outcome.case_number:
            wrong += 1
    unacknowledged = [r for r in results if not r.receipt]
    stored_unacked = sum(1 for r in unacknowledged if r.marker in stored)
    statuses = Counter(r.status for r in results)
    server_errors = {s: n for s, n in statuses.items() if s is not None and s >= 500}
    dropped = statuses.get(None, 0)
    latencies = [r.seconds for r in results if r.status == 200]
    log_text = log.read_text(encoding="utf-8", errors="replace")
    leaked = sum(1 for r in results if r.marker in log_text)

    print(f"load: {len(results)} submissions from {args.clients} clients on gunicorn "
          f"({args.workers} workers) + PostgreSQL in {elapsed:.1f} s = "
          f"{len(results) / elapsed:.1f} submissions/s")
    print(f"latency of acknowledged submissions: p50 {statistics.median(latencies) * 1000:.0f} ms, "
          f"p99 {percentile(latencies, 0.99) * 1000:.0f} ms, max {max(latencies) * 1000:.0f} ms")
    print(f"statuses: {dict(sorted((str(k), v) for k, v in statuses.items()))}")
    print(f"acknowledged {len(acknowledged)}; unacknowledged {len(unacknowledged)} "
          f"(of which stored anyway, receipt never shown: {stored_unacked})")
    print(f"faults injected: {len(faults.injected)}" +
          "".join(f"\n  - {f}" for f in faults.injected))
    sampled = min(args.lookups, len(acknowledged))
    print(f"receipt lookups through /status: {resolved}/{sampled} resolved")
    print(f"CASES LOST (acknowledged, not stored): {lost}; wrong case for receipt: {wrong}; "
          f"duplicates: {duplicates}; 5xx: {server_errors or 0}; dropped connections: {dropped}; "
          f"report texts in the server log: {leaked}")

    drop_database(args.postgres, name)
    shutil.rmtree(workdir, ignore_errors=True)
    failed = bool(lost or wrong or duplicates or leaked or resolved < sampled)
    if not args.faults and (server_errors or dropped):
        failed = True
    if args.faults and set(server_errors) - {503}:
        failed = True
    print("RESULT:", "FAIL" if failed else "PASS")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
