"""What the web's own request path costs, in one process and one thread, without HTTP.

    .venv/bin/python bench/web_inprocess.py                     # wall and CPU ms, ratios
    .venv/bin/python bench/web_inprocess.py --against /tmp/old   # and another code tree's
    .venv/bin/python bench/web_inprocess.py --callgrind --against /tmp/old

Each measurement is a fresh child process on a fresh database (SQLite by default,
``--postgres`` for a new PostgreSQL database), running a code tree (``--code``, default
this one; ``--against`` another, e.g. a ``git archive`` snapshot of an earlier commit) in
the same virtualenv with ``PYTHONHASHSEED=0``. The child builds the production app
(``web.serving.production_app``: the router, the FAQ index and jieba built and frozen
out of the garbage collector, rate limits off as in ``bench/web.py``), warms it with
``--warmup`` complaints, status lookups and ``/healthz`` requests, then calls the WSGI app
directly with request environments built beforehand: the client's work (encoding the
form) is not counted, the app's (Werkzeug's parsing, Flask, the views, the domain, the
database, the page) is.

The duplicate search is left out: in production a background linker searches after the
receipt (``bench/web.py`` counts it); here the linker is registered but stopped, so the
cases stay pending and the commit does what a server's does.

Two measures:

- time (default): ``--rounds`` rounds, each ``--count`` requests of ``/healthz``, then the
  complaint POST, then the status POST; wall and CPU (``time.process_time``) per request,
  the median of the rounds, and each POST's ratio to ``/healthz`` in the same process (the
  baseline). With ``--against`` the two trees' children alternate ``--repeat`` times and
  the new/old ratios are printed.
- ``--callgrind``: instructions per request under ``valgrind --tool=callgrind``, counted
  only from after the warm-up and the building of the requests (``--instr-atstart=no``,
  then ``callgrind_control``) to after the last one: a child that sends ``--count``
  requests of one kind, minus a child that sends none (what turning the count on and off
  costs). Start-up, warm-up and the client's building are not counted.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
# bench/web.py would shadow the ``web`` package: the code tree comes from PYTHONPATH.
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != Path(__file__).parent]
KINDS = ("healthz", "complaint", "status")
RECEIPT = re.compile(r'id="receipt">([^<]+)<')
TOKEN = re.compile(r'name="csrf_token" type="hidden" value="([^"]+)"')
COMPLAINTS = (
    "在{n}号的老王川菜馆吃了凉拌菜，晚上腹泻，要求退款赔偿。",
    "在超市{n}号店买的牛奶已经过期，要求退货。",
    "外卖平台上的{n}号麻辣烫里吃出头发，商家不理，要求处理。",
    "学校附近{n}号小卖部卖三无辣条，孩子吃了肚子疼。",
)


# ---------------------------------------------------------------------------- the child


class Child:
    """The app of one code tree on one database, and requests to send it."""

    def __init__(self, database_url: str, data_dir: Path) -> None:
        from intake import duplicate_linker
        from intake.migrate import upgrade
        from intake.settings import KEY_NAMES, Keys
        from web.serving import production_app

        upgrade(database_url)
        keys = Keys.generate()
        os.environ.update({"FOODSAFE_DATABASE_URL": database_url,
                           "FOODSAFE_DATA_DIR": str(data_dir),
                           "FOODSAFE_KEY_FILE": str(data_dir / "no-keys.json"),
                           "FOODSAFE_LOG_LEVEL": "WARNING"})
        for name in KEY_NAMES:
            os.environ[f"FOODSAFE_{name.upper()}"] = getattr(keys, name).hex()
        self.app = production_app(RATELIMIT_ENABLED=False)
        self.session_key = keys.session_key
        # Registered and stopped: a commit wakes no thread and the cases stay pending.
        duplicate_linker.start_background(self.app.extensions["foodsafe"].engine).stop()
        page = self.call(self.environ("GET", "/complaint"))
        found = TOKEN.search(page)
        assert found, "no form token on /complaint"
        self.token = found.group(1)
        self.receipts: list[str] = []
        self.filed = 0

    def environ(self, method: str, path: str, form: dict[str, str] | None = None
                ) -> dict[str, Any]:
        from werkzeug.test import EnvironBuilder

        builder = EnvironBuilder(path=path, method=method, data=form,
                                 headers={"Sec-Fetch-Site": "same-origin"})
        try:
            return builder.get_environ()
        finally:
            builder.close()

    def call(self, environ: dict[str, Any], expect: str | None = None) -> str:
        answered: list[str] = []

        def start_response(status: str, headers: object, exc_info: object = None) -> None:
            answered.append(status)

        body = self.app(environ, start_response)
        try:
            page = b"".join(body).decode()
        finally:
            close = getattr(body, "close", None)
            if close:
                close()
        if not answered[0].startswith("200") or (expect and expect not in page):
            raise SystemExit(f"{environ['PATH_INFO']}: {answered[0]}")
        return page

    def requests(self, kind: str, count: int) -> list[dict[str, Any]]:
        """``count`` requests of ``kind``, built now (complaints each a new complainant)."""
        if kind == "healthz":
            return [self.environ("GET", "/healthz") for _ in range(count)]
        if kind == "status":
            return [self.environ("POST", "/status", {
                "csrf_token": self.token, "receipt": self.receipts[n % len(self.receipts)]})
                for n in range(count)]
        made = []
        for n in range(self.filed, self.filed + count):
            made.append(self.environ("POST", "/complaint", {
                "csrf_token": self.page(), "phone": f"139{n:08d}",
                "text": COMPLAINTS[n % len(COMPLAINTS)].format(n=n),
                "business_name": f"测试商家{n % 97}"}))
        self.filed += count
        return made

    def page(self) -> str:
        """A complaint form's token of its own, drawn as the form would draw it: a page files
        once. (Code from before that rule takes one page's token again and again.)"""
        try:
            from web.cookieless_csrf import new_token
        except ImportError:
            return self.token
        return str(new_token(self.session_key))

    def send(self, kind: str, built: list[dict[str, Any]]) -> None:
        expect = {"complaint": 'id="receipt"', "status": "case-status"}.get(kind)
        for environ in built:
            page = self.call(environ, expect)
            if kind == "complaint":
                found = RECEIPT.search(page)
                assert found
                self.receipts.append(found.group(1).strip())

    def warm(self, count: int) -> None:
        for kind in ("complaint", "status", "healthz"):
            self.send(kind, self.requests(kind, count))
        # As production freezes what start-up built, this freezes what warming built.
        gc.collect()
        gc.freeze()


def timed(child: Child, kind: str, count: int) -> tuple[float, float]:
    """(wall ms, CPU ms) per request of ``kind``."""
    built = child.requests(kind, count)
    wall, cpu = time.perf_counter(), time.process_time()
    child.send(kind, built)
    return ((time.perf_counter() - wall) / count * 1000,
            (time.process_time() - cpu) / count * 1000)


def run_child(args: argparse.Namespace) -> None:
    with _database(args.database) as (url, data_dir):
        child = Child(url, data_dir)
        child.warm(args.warmup)
        if args.kind:  # under callgrind: one kind, sent or not, counted from here to there
            built = child.requests(args.kind, args.count)
            _instrument("on")
            if not args.dry:
                child.send(args.kind, built)
            _instrument("off")
            result: dict[str, Any] = {"sent": 0 if args.dry else len(built)}
        else:
            rounds: dict[str, list[tuple[float, float]]] = {kind: [] for kind in KINDS}
            for _ in range(args.rounds):
                for kind in KINDS:
                    rounds[kind].append(timed(child, kind, args.count))
            result = {kind: [statistics.median(w for w, _ in r), statistics.median(c for _, c in r)]
                      for kind, r in rounds.items()}
        child.app.extensions["foodsafe"].engine.dispose()
    print("RESULT " + json.dumps(result))


def _instrument(switch: str) -> None:
    """Turn callgrind's counting on or off in this process (started with it off)."""
    subprocess.run(["callgrind_control", "--instr=" + switch, str(os.getpid())],
                   check=True, capture_output=True)


@contextmanager
def _database(given: str | None) -> Iterator[tuple[str, Path]]:
    with tempfile.TemporaryDirectory(prefix="foodsafe-inprocess-") as tmp:
        yield given or f"sqlite:///{Path(tmp) / 'probe.sqlite3'}", Path(tmp)


# --------------------------------------------------------------------------- the parent


def _child_command(code: Path, args: argparse.Namespace, *extra: str) -> list[str]:
    return [sys.executable, str(Path(__file__).resolve()), "--child", "--code", str(code),
            "--warmup", str(args.warmup), "--count", str(args.count), *extra]


def _run(command: list[str], code: Path) -> dict[str, Any]:
    env = {**os.environ, "PYTHONHASHSEED": "0", "PYTHONPATH": str(code)}
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    lines = [line for line in done.stdout.splitlines() if line.startswith("RESULT ")]
    if done.returncode or not lines:
        raise SystemExit(f"child failed ({code}):\n{done.stderr[-3000:]}")
    found: dict[str, Any] = json.loads(lines[-1][len("RESULT "):])
    return found


def _fresh_database(args: argparse.Namespace) -> tuple[str | None, Callable[[], None]]:
    if not args.postgres:
        return None, lambda: None
    import uuid

    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    admin_url = make_url(args.postgres).set(drivername="postgresql+psycopg")
    name = f"foodsafe_probe_{uuid.uuid4().hex[:10]}"
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))

    def drop() -> None:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()

    return admin_url.set(database=name).render_as_string(hide_password=False), drop


def _on_database(args: argparse.Namespace, command: list[str], code: Path) -> dict[str, Any]:
    url, drop = _fresh_database(args)
    try:
        return _run([*command, *(["--database", url] if url else [])], code)
    finally:
        drop()


def time_trees(args: argparse.Namespace, trees: list[Path]) -> None:
    results: dict[Path, list[dict[str, Any]]] = {tree: [] for tree in trees}
    for _ in range(args.repeat):
        for tree in trees:  # alternated, so a drift in the machine's speed moves both
            results[tree].append(_on_database(
                args, _child_command(tree, args, "--rounds", str(args.rounds)), tree))
    print(f"in process, one thread, {'PostgreSQL' if args.postgres else 'SQLite'}; "
          f"{args.repeat} runs of {args.rounds} rounds of {args.count} requests each, "
          "median per request (wall / CPU ms), and the POSTs' ratio to /healthz")
    medians: dict[Path, dict[str, tuple[float, float]]] = {}
    for tree in trees:
        medians[tree] = {kind: (statistics.median(r[kind][0] for r in results[tree]),
                                statistics.median(r[kind][1] for r in results[tree]))
                         for kind in KINDS}
        m = medians[tree]
        runs = "; ".join(" ".join(f"{r[k][1]:.2f}" for k in KINDS) for r in results[tree])
        print(f"{tree}:")
        for kind in KINDS:
            ratio = "" if kind == "healthz" else (
                f"   {m[kind][1] / m['healthz'][1]:.1f}x /healthz (CPU)")
            print(f"  {kind:10} {m[kind][0]:7.3f} / {m[kind][1]:7.3f} ms{ratio}")
        print(f"  runs' CPU ms (healthz complaint status): {runs}")
    if len(trees) == 2:
        new, old = (medians[tree] for tree in trees)
        print("new / old (CPU, median of runs): " + ", ".join(
            f"{kind} {new[kind][1] / old[kind][1]:.3f}" for kind in KINDS))


def callgrind_trees(args: argparse.Namespace, trees: list[Path]) -> None:
    print(f"instructions per request under callgrind (PYTHONHASHSEED=0, {args.count} "
          f"after {args.warmup} warm-up each, counted from the first to the last, less "
          "a run that sends none)")
    per: dict[Path, dict[str, float]] = {tree: {} for tree in trees}
    with tempfile.TemporaryDirectory(prefix="foodsafe-callgrind-") as tmp:
        for kind in args.kinds:
            for tree in trees:
                totals = []
                for dry in (False, True):
                    out = Path(tmp) / f"{kind}-{len(totals)}-{abs(hash(tree))}.out"
                    command = ["valgrind", "--tool=callgrind", "--instr-atstart=no",
                               f"--callgrind-out-file={out}",
                               *_child_command(tree, args, "--kind", kind,
                                               *(["--dry"] if dry else []))]
                    _on_database(args, command, tree)
                    totals.append(_instructions(out))
                per[tree][kind] = (totals[0] - totals[1]) / args.count
                print(f"  {tree} {kind}: {per[tree][kind] / 1e6:.4f} M")
    if len(trees) == 2:
        new, old = (per[tree] for tree in trees)
        print("new / old: " + ", ".join(f"{kind} {new[kind] / old[kind]:.4f}"
                                        for kind in args.kinds))


def _instructions(out: Path) -> int:
    for line in out.read_text().splitlines():
        if line.startswith("totals:"):
            return int(line.split()[1])
    raise SystemExit(f"no totals in {out}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--code", type=Path, default=ROOT, help="the code tree measured")
    parser.add_argument("--against", type=Path, help="another code tree, alternated with it")
    parser.add_argument("--postgres", nargs="?", const=os.environ.get(
        "FOODSAFE_BENCH_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/test"),
        help="a fresh PostgreSQL database on this server for each child (else SQLite)")
    parser.add_argument("--warmup", type=int, default=50)
    parser.add_argument("--count", type=int, default=200, help="requests of each kind")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--repeat", type=int, default=3, help="children per code tree")
    parser.add_argument("--callgrind", action="store_true")
    parser.add_argument("--kinds", nargs="+", default=["complaint", "status"], choices=KINDS)
    # The child's own arguments.
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--kind", choices=KINDS, help=argparse.SUPPRESS)
    parser.add_argument("--dry", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--database", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        run_child(args)
        return
    trees = [args.code.resolve(), *([args.against.resolve()] if args.against else [])]
    (callgrind_trees if args.callgrind else time_trees)(args, trees)


if __name__ == "__main__":
    main()
