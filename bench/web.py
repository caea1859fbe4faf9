"""The web under concurrent clients: complaint POST and status page, beside a trivial endpoint.

    .venv/bin/python bench/web.py                 # SQLite, and PostgreSQL when reachable
    .venv/bin/python bench/web.py --seconds 5 --clients 16 --workers 3

For each database it starts gunicorn (production's app, ``web.serving.production_app``,
with rate limits off, since every bench client comes from 127.0.0.1) on a private
database, then drives phases with the same number of concurrent HTTP clients for the same
time: ``--rounds`` times the first two, back to back, then the third:

1. ``GET /healthz`` — the trivial endpoint of the same app: the baseline;
2. ``POST /complaint`` — a full complaint through the form (CSRF token, routing, deadline,
   receipt page), each from a page of its own (a page files once: its token is drawn by
   the client under the server's key, so the phase times the POSTs alone), the phase
   ending only once the servers' background linkers have searched every case it filed
   for duplicates;
3. ``POST /status`` — the status page by receipt.

On PostgreSQL the phases run after an ``ANALYZE`` (the statistics autovacuum keeps on a
live database); ``--no-analyze`` measures a database seconds old instead.

Then, when wrk (Debian's ``wrk``) is installed, ``--rounds`` more baseline/submissions
rounds are driven by it (``--no-wrk`` leaves them out). The Python client costs about as much
CPU per request as a trivial request costs the server, on the same cores, so its baseline
is the client's own rate (about 1,100/s here); wrk's is the server's (about 6,000/s), and so
is its ratio.

It prints requests/s and p50/p99 for each, the ratio of each to its round's trivial rate
(aim: submissions at least 1/4, judged on the median of the rounds), the CPU time a
request cost gunicorn's processes, PostgreSQL's (every ``postgres`` process on the
machine) and the client (read from ``/proc``), and checks that not one acknowledged
submission is lost: every receipt shown is found in the database by its keyed hash, and
the case count matches.

Measure on a quiet machine: the client, the workers and PostgreSQL share its cores. Under
Linux's autogroup scheduling (``/proc/sys/kernel/sched_autogroup_enabled`` = 1) each login
session is its own group and ``nice`` does not keep another session's jobs off them.
"""

from __future__ import annotations

import argparse
import math
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(1, str(ROOT))
# The complaints, and how a page shows its receipt and form token, shared with the
# in-process probe (which imports nothing of the project's at import time).
from web_inprocess import COMPLAINTS, RECEIPT, TOKEN  # noqa: E402

# This file is named web.py: keep its own directory from shadowing the ``web`` package.
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != Path(__file__).parent]

from sqlalchemy import create_engine, func, select, text  # noqa: E402
from sqlalchemy.engine import make_url  # noqa: E402

from intake.db import make_engine  # noqa: E402
from intake.migrate import upgrade  # noqa: E402
from intake.models import Case  # noqa: E402
from intake.receipts import canonical, receipt_hash  # noqa: E402
from intake.settings import KEY_NAMES, Keys  # noqa: E402
from web.cookieless_csrf import new_token  # noqa: E402

POSTGRES_URL = os.environ.get("FOODSAFE_BENCH_POSTGRES_URL",
                              "postgresql://postgres@127.0.0.1:5432/test")


@dataclass
class Phase:
    name: str
    latencies: list[float] = field(default_factory=list)
    errors: int = 0
    seconds: float = 0.0
    # CPU seconds spent during the phase by gunicorn, PostgreSQL and this client.
    cpu: dict[str, float] = field(default_factory=dict)
    # Cases still waiting for the duplicate search when the clients stopped, and how long
    # the servers' linkers then took to search them (counted in ``seconds`` and ``cpu``).
    waiting: int = 0
    drained: float = 0.0

    @property
    def rate(self) -> float:
        return len(self.latencies) / self.seconds if self.seconds else 0.0

    def p(self, q: float) -> float:
        if not self.latencies:
            return float("nan")
        ordered = sorted(self.latencies)
        return ordered[min(len(ordered) - 1, int(q * len(ordered)))] * 1000



def citizen_phone(n: int) -> str:
    """A different complainant per request: one phone for all would measure a single serial
    complainant whose flag is refreshed on every filing, not the public."""
    return f"139{n:08d}"

def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def cpu_seconds(server_group: int) -> dict[str, float]:
    """CPU time used so far by the server (gunicorn's process group), PostgreSQL's
    processes and this client: where a request's cost goes, as all three share the cores."""
    tick = os.sysconf("SC_CLK_TCK")
    used = {"app": 0.0, "db": 0.0}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            comm, fields = stat.read_text().rsplit(")", 1)
        except OSError:
            continue
        values = fields.split()
        owner = ("app" if int(values[2]) == server_group
                 else "db" if comm.endswith("(postgres") else None)
        if owner:
            used[owner] += (int(values[11]) + int(values[12])) / tick
    used["client"] = time.process_time()
    return used


def run_phase(name: str, clients: int, seconds: float,
              step: Callable[[requests.Session, int], bool], server_group: int = 0,
              url: str | None = None) -> Phase:
    """``clients`` threads call ``step`` in a loop for ``seconds``; a False return is an error.

    With the database ``url``, the phase ends only once the servers have searched every case
    filed for duplicates: that work follows the receipt, and is the submissions' cost too.
    """
    phase = Phase(name)
    before = cpu_seconds(server_group) if server_group else {}
    lock = threading.Lock()
    stop = time.perf_counter() + seconds

    def client(index: int) -> None:
        http = requests.Session()
        n = 0
        local: list[float] = []
        errors = 0
        while time.perf_counter() < stop:
            started = time.perf_counter()
            ok = step(http, index * 1_000_000 + n)
            local.append(time.perf_counter() - started)
            errors += 0 if ok else 1
            n += 1
        with lock:
            phase.latencies.extend(local)
            phase.errors += errors

    threads = [threading.Thread(target=client, args=(i,)) for i in range(clients)]
    began = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if url is not None:
        phase.waiting, phase.drained = wait_for_duplicate_search(url)
    phase.seconds = time.perf_counter() - began
    if server_group:
        after = cpu_seconds(server_group)
        phase.cpu = {key: after[key] - before[key] for key in before}
    return phase


def wait_for_duplicate_search(url: str, limit: float = 120.0) -> tuple[int, float]:
    """(cases waiting for the duplicate search now, seconds until none is): polled."""
    engine = make_engine(url)
    waiting = select(func.count()).select_from(Case).where(Case.duplicates_pending)
    began = time.perf_counter()
    try:
        with engine.connect() as conn:
            first = left = conn.execute(waiting).scalar_one()
            while left and time.perf_counter() - began < limit:
                time.sleep(0.01)
                left = conn.execute(waiting).scalar_one()
                conn.rollback()
    finally:
        engine.dispose()
    if left:
        raise SystemExit(f"{left} cases still wait for the duplicate search after {limit} s")
    return first, time.perf_counter() - began


def wait_until_up(base: str, process: subprocess.Popen[bytes]) -> None:
    for _ in range(150):
        if process.poll() is not None:
            raise SystemExit(f"gunicorn exited with {process.returncode}")
        try:
            if requests.get(f"{base}/healthz", timeout=1).ok:
                return
        except requests.RequestException:
            pass
        time.sleep(0.2)
    raise SystemExit("gunicorn did not come up")


def bench_backend(label: str, url: str, args: argparse.Namespace) -> None:
    keys = Keys.generate()
    data_dir = Path(tempfile.mkdtemp(prefix="foodsafe-bench-"))
    upgrade(url)
    env = {**os.environ, "FOODSAFE_DATABASE_URL": url, "FOODSAFE_DATA_DIR": str(data_dir),
           "FOODSAFE_KEY_FILE": str(data_dir / "no-keys.json"), "FOODSAFE_LOG_LEVEL": "WARNING"}
    for name in KEY_NAMES:
        env[f"FOODSAFE_{name.upper()}"] = getattr(keys, name).hex()
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    command = [
        sys.executable, "-m", "gunicorn", "web.serving:production_app(RATELIMIT_ENABLED=False)",
        "--bind", f"127.0.0.1:{port}", "--workers", str(args.workers),
        "--worker-class", "gthread", "--threads", str(args.threads), "--preload",
        "--log-level", "warning",
    ]
    process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL,
                               stderr=subprocess.PIPE, start_new_session=True)
    try:
        wait_until_up(base, process)
        token_match = TOKEN.search(requests.get(f"{base}/complaint", timeout=10).text)
        assert token_match, "no form token on /complaint"
        token = token_match.group(1)
        receipts: list[str] = []
        receipts_lock = threading.Lock()

        def trivial(http: requests.Session, _n: int) -> bool:
            return http.get(f"{base}/healthz", timeout=30).status_code == 200

        def complain(http: requests.Session, n: int) -> bool:
            page = new_token(keys.session_key)  # a page of its own: a page files once
            body = {"csrf_token": page, "text": COMPLAINTS[n % len(COMPLAINTS)].format(n=n),
                    "business_name": f"测试商家{n % 97}", "phone": citizen_phone(n)}
            response = http.post(f"{base}/complaint", data=body, timeout=60)
            found = RECEIPT.search(response.text) if response.status_code == 200 else None
            if found is None:
                return False
            with receipts_lock:
                receipts.append(found.group(1).strip())
            return True

        def status(http: requests.Session, n: int) -> bool:
            receipt = receipts[n % len(receipts)]
            response = http.post(f"{base}/status", data={"csrf_token": token,
                                                         "receipt": receipt}, timeout=60)
            return response.status_code == 200 and "case-status" in response.text

        # warm up: each worker builds the router and the FAQ index on first use
        run_phase("warm-up", args.workers * args.threads, args.warmup, complain)
        warm = len(receipts)
        if args.analyze:
            gather_statistics(url)
        # Each round measures the baseline and the submissions back to back, so a drift in
        # the machine's speed (seen here: ±20% between runs) moves both of a round's rates.
        rounds = [
            (run_phase("trivial", args.clients, args.seconds, trivial, process.pid),
             run_phase("complaint", args.clients, args.seconds, complain, process.pid, url))
            for _ in range(args.rounds)
        ]
        looked_up = run_phase("status", args.clients, args.seconds, status, process.pid)
        lost = verify(url, keys, receipts)
        report(label, rounds, looked_up, len(receipts) - warm, lost)
        if args.wrk and shutil.which("wrk"):
            wrk_report(label, [wrk_round(base, url, keys, args) for _ in range(args.rounds)])
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
        stderr = process.stderr.read().decode(errors="replace") if process.stderr else ""
        if "Traceback" in stderr:
            print(stderr[-2000:])


@dataclass
class WrkPhase:
    rate: float  # responses a second, the duplicate search's drain counted for submissions
    p99: float  # ms
    bad: int  # responses other than 2xx/3xx, and socket errors


def wrk_round(base: str, url: str, keys: Keys, args: argparse.Namespace) -> tuple[WrkPhase,
                                                                                 WrkPhase]:
    """One baseline/submissions round driven by wrk, a client in C.

    The Python client above costs about as much CPU per request as a trivial request costs
    the server, on the same cores: its baseline is the client's own rate. wrk's is the
    server's. Every complaint wrk was answered for must be stored: the cases the round
    added are counted against wrk's 2xx responses (a request wrk dropped unanswered at the
    end may still be stored, so the check is "at least").
    """
    folder = Path(tempfile.mkdtemp(prefix="foodsafe-wrk-"))
    # A page of its own for each complaint (a page files once), more than wrk can send.
    pages = folder / "pages.txt"
    pages.write_text("".join(urllib.parse.quote(new_token(keys.session_key), safe="") + "\n"
                             for _ in range(2 * PAGES_A_SECOND * math.ceil(args.seconds))))
    script = folder / "complain.lua"
    script.write_text(_complaint_script(pages), encoding="utf-8")
    before = _case_count(url)
    trivial = _wrk(f"{base}/healthz", args)
    filed = _wrk(f"{base}/complaint", args, script, first=50_000_000 + before)
    _waiting, drained = wait_for_duplicate_search(url)
    answered = round(filed.rate * args.seconds) - filed.bad
    stored = _case_count(url) - before
    if stored < answered:
        print(f"  !! wrk: {answered} complaints answered, {stored} stored")
    filed.rate = filed.rate * args.seconds / (args.seconds + drained)
    return trivial, filed


# Complaints a second one wrk thread can be given pages for (wrk has reached ~400/s in all).
PAGES_A_SECOND = 2000


def _complaint_script(pages: Path) -> str:
    """wrk's Lua: each request a different complaint from a page of its own (``pages``, a
    line each: each of wrk's two threads takes its half), as the Python client sends them."""
    quoted = [[urllib.parse.quote(part, safe="") for part in text.split("{n}")]
              for text in COMPLAINTS]
    parts = ", ".join("{" + ", ".join(f'"{p}"' for p in pair) + "}" for pair in quoted)
    shop = urllib.parse.quote("测试商家", safe="")
    return f"""local parts = {{{parts}}}
local threads = 0
setup = function(thread)
  thread:set("offset", threads * 5000000); thread:set("half", threads); threads = threads + 1
end
local n = 0
local pages = {{}}
local page = 0
init = function(args)
  n = tonumber(args[1]) + offset
  local all = {{}}
  for line in io.lines("{pages}") do all[#all + 1] = line end
  local each = math.floor(#all / 2)
  for i = 1, each do pages[i] = all[half * each + i] end
end
request = function()
  n = n + 1
  page = page % #pages + 1
  local text = parts[(n % 4) + 1]
  local body = "csrf_token=" .. pages[page] .. "&text=" .. text[1] .. n .. text[2]
    .. "&business_name={shop}" .. (n % 97) .. "&phone=139" .. string.format("%08d", n)
  return wrk.format("POST", nil, {{["Content-Type"] = "application/x-www-form-urlencoded"}},
                    body)
end
"""


def _wrk(target: str, args: argparse.Namespace, script: Path | None = None,
         first: int = 0) -> WrkPhase:
    """wrk's two threads on ``target`` (``script`` numbering its complaints from ``first``)."""
    command = ["wrk", "-t2", f"-c{args.clients}", f"-d{args.seconds:.0f}s", "--latency"]
    command += ["-s", str(script), target, "--", str(first)] if script else [target]
    out = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))  # type: ignore[union-attr]
    p99 = re.search(r"99%\s+([\d.]+)(us|ms|s)", out)
    scale = {"us": 0.001, "ms": 1.0, "s": 1000.0}
    errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)",
                       out)
    failed = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    bad = sum(map(int, errors.groups() if errors else ())) + int(failed.group(1) if failed else 0)
    return WrkPhase(rate, float(p99.group(1)) * scale[p99.group(2)] if p99 else float("nan"),
                    bad)


def _case_count(url: str) -> int:
    engine = make_engine(url)
    try:
        with engine.connect() as conn:
            return int(conn.execute(select(func.count()).select_from(Case)).scalar_one())
    finally:
        engine.dispose()


def wrk_report(label: str, rounds: list[tuple[WrkPhase, WrkPhase]]) -> None:
    print(f"\n== {label}, driven by wrk (the baseline is the server's, not the client's) ==")
    ratios = []
    for number, (baseline, filed) in enumerate(rounds, 1):
        ratios.append(filed.rate / baseline.rate if baseline.rate else 0.0)
        for name, phase in ((f"{number}: trivial GET /healthz", baseline),
                            (f"{number}: POST /complaint", filed)):
            print(f"{name:32} {phase.rate:8.1f} {'':8} {phase.p99:8.1f} {phase.bad:7d} "
                  f"{phase.rate / baseline.rate:10.3f}")
    middle = statistics.median(ratios)
    verdict = "meets" if middle >= 0.25 else "BELOW"
    print(f"wrk: submissions {verdict} the 1/4-of-trivial aim: median {middle:.3f} of "
          f"{len(ratios)} rounds ({', '.join(f'{r:.3f}' for r in ratios)})")


def gather_statistics(url: str) -> None:
    """PostgreSQL's ``ANALYZE``, as autovacuum gives every live database within minutes.

    The bench's database is seconds old: without statistics, the plans PostgreSQL prepared
    while its tables held a few rows (scans of the whole table) stay in use as they grow,
    a state a deployment leaves at autovacuum's first analyze (``--no-analyze`` measures it).
    SQLite gathers none unless told, and is measured as it runs.
    """
    if not url.startswith("postgresql"):
        return
    engine = make_engine(url, isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as conn:
            conn.execute(text("ANALYZE"))
    finally:
        engine.dispose()
    print("PostgreSQL: ANALYZE after the warm-up (statistics as autovacuum keeps them)")


def verify(url: str, keys: Keys, receipts: list[str]) -> int:
    """How many acknowledged receipts are missing (every one must be stored, once)."""
    engine = make_engine(url)
    try:
        with engine.connect() as conn:
            stored = set(conn.execute(select(Case.receipt_hash)).scalars())
            count = conn.execute(select(func.count()).select_from(Case)).scalar_one()
    finally:
        engine.dispose()
    wanted = {receipt_hash(keys.receipt_key, canonical(r) or r) for r in receipts}
    lost = len(wanted - stored)
    if len(wanted) != len(receipts):
        print(f"  !! {len(receipts) - len(wanted)} receipts shown twice")
    if count != len(receipts):
        print(f"  !! {count} cases stored for {len(receipts)} acknowledged submissions")
    return lost


def report(label: str, rounds: list[tuple[Phase, Phase]], looked_up: Phase,
           submitted: int, lost: int) -> None:
    """Each round's baseline and submissions, the status page, and the verdict on the median
    of the rounds' ratios."""
    print(f"\n== {label} ==")
    print(f"{'':32} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8} {'errors':>7} {'vs trivial':>10}"
          f"   CPU ms/request: app, db, client")
    ratios = []
    for number, (baseline, filed) in enumerate(rounds, 1):
        ratios.append(filed.rate / baseline.rate if baseline.rate else 0.0)
        _line(f"{number}: trivial GET /healthz", baseline, baseline.rate)
        _line(f"{number}: POST /complaint", filed, baseline.rate)
        print(f"{'':32} {filed.waiting} waited for the duplicate search when the clients "
              f"stopped, searched {filed.drained * 1000:.0f} ms later (counted in the phase)")
    middle = statistics.median(ratios)
    _line("POST /status (by receipt)", looked_up,
          statistics.median(baseline.rate for baseline, _filed in rounds))
    verdict = "meets" if middle >= 0.25 else "BELOW"
    print(f"submissions {verdict} the 1/4-of-trivial aim: median {middle:.3f} of "
          f"{len(ratios)} rounds ({', '.join(f'{r:.3f}' for r in ratios)}); "
          f"{submitted} acknowledged in the measured phases; lost: {lost}")


def _line(name: str, phase: Phase, baseline: float) -> None:
    ratio = phase.rate / baseline if baseline else float("nan")
    done = len(phase.latencies) or 1
    cpu = ", ".join(f"{phase.cpu[key] / done * 1000:.2f}" for key in ("app", "db", "client")
                    if key in phase.cpu)
    print(f"{name:32} {phase.rate:8.1f} {phase.p(0.50):8.1f} {phase.p(0.99):8.1f} "
          f"{phase.errors:7d} {ratio:10.2f}   {cpu}")


def in_process_split(count: int = 200) -> None:
    """Where a submission's time goes, one thread, no HTTP: the web's share and the domain's."""
    from dataclasses import replace

    import intake.service as service
    from intake.settings import Settings
    from web.app import create_app

    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{Path(tmp) / 'split.sqlite3'}"
        upgrade(url)
        settings = replace(Settings(keys=Keys.generate()), data_dir=Path(tmp), database_url=url)
        app = create_app(settings, RATELIMIT_ENABLED=False)
        client = app.test_client()
        original = service.submit_case
        spent = [0.0]

        def timed(*args: object, **kwargs: object) -> object:
            started = time.perf_counter()
            try:
                return original(*args, **kwargs)  # type: ignore[arg-type]
            finally:
                spent[0] += time.perf_counter() - started

        def complain(n: int) -> None:
            page = new_token(settings.keys.session_key)  # a page of its own: files once
            body = {"csrf_token": page, "phone": citizen_phone(n),
                    "text": COMPLAINTS[n % len(COMPLAINTS)].format(n=n),
                    "business_name": f"测试商家{n % 97}"}
            assert client.post("/complaint", data=body).status_code == 200

        service.submit_case = timed  # type: ignore[assignment]
        try:
            for n in range(50):
                complain(n)
            spent[0] = 0.0
            started = time.perf_counter()
            for n in range(50, 50 + count):
                complain(n)
            whole = (time.perf_counter() - started) / count * 1000
        finally:
            service.submit_case = original
        domain = spent[0] / count * 1000
        started = time.perf_counter()
        for _ in range(count):
            client.get("/healthz")
        trivial = (time.perf_counter() - started) / count * 1000
        app.extensions["foodsafe"].engine.dispose()
    print(f"\n== in process, one thread, SQLite ({count} each) ==")
    print(f"GET /healthz {trivial:.2f} ms; POST /complaint {whole:.2f} ms, of which "
          f"intake.submit_case {domain:.2f} ms ({domain / whole:.0%}) and the web "
          f"{whole - domain:.2f} ms")


def postgres_database() -> tuple[str, Callable[[], None]] | None:
    admin_url = make_url(POSTGRES_URL).set(drivername="postgresql+psycopg")
    name = f"foodsafe_bench_{uuid.uuid4().hex[:10]}"
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
    except Exception as exc:
        print(f"PostgreSQL skipped ({type(exc).__name__})")
        admin.dispose()
        return None

    def drop() -> None:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()

    return admin_url.set(database=name).render_as_string(hide_password=False), drop


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seconds", type=float, default=6.0)
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--workers", type=int, default=3)
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument("--warmup", type=float, default=4.0, help="seconds of warm-up")
    parser.add_argument("--rounds", type=int, default=3,
                        help="baseline-then-submissions rounds; the verdict takes the median")
    parser.add_argument("--no-analyze", dest="analyze", action="store_false",
                        help="measure PostgreSQL without statistics (a database seconds old)")
    parser.add_argument("--skip-postgres", action="store_true")
    parser.add_argument("--skip-sqlite", action="store_true")
    parser.add_argument("--no-wrk", dest="wrk", action="store_false",
                        help="leave out the rounds driven by wrk (run when it is installed)")
    args = parser.parse_args()
    print(f"gunicorn {args.workers} workers x {args.threads} threads; {args.clients} clients; "
          f"{args.rounds} rounds of {args.seconds:.0f} s phases; {os.cpu_count()} CPUs (shared)")
    in_process_split()
    if not args.skip_sqlite:
        with tempfile.TemporaryDirectory() as tmp:
            bench_backend("SQLite", f"sqlite:///{Path(tmp) / 'bench.sqlite3'}", args)
    if not args.skip_postgres:
        database = postgres_database()
        if database is not None:
            url, drop = database
            try:
                bench_backend("PostgreSQL", url, args)
            finally:
                drop()


if __name__ == "__main__":
    main()
