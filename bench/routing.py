"""Routing speed: messages per second, cold start, and the cost relative to jieba.

Run: ``.venv/bin/python bench/routing.py [--messages 20000]``. Prints numbers, asserts nothing:
speed is judged by people reading ratios measured in one process, not by timed tests.

The messages are the labelled development set, varied the way traffic varies: two
complaints run together, emoji, traditional characters, full-width forms, a greeting, so the
20,000 texts are not 540 texts repeated.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEV_SET = ROOT / "tests" / "data" / "routing_dev.jsonl"
EMOJI = ["😡", "🤮", "😭", "🙏", "👍", "❤️", "‼️", "💢"]
OPENERS = ["你好，", "请问，", "我要投诉：", "举报！", "领导好，", "", "", ""]
CLOSERS = ["请尽快处理！", "谢谢。", "希望政府管一管", "！！！", "", "", ""]

COLD_START = """
import time
start = time.perf_counter()
from intake.routing.router import default_router
default_router().route("外卖里吃出一只蟑螂")
first = time.perf_counter() - start
from knowledge.text import tokenizer
tokenizer()
print(first, time.perf_counter() - start)
"""


def realistic_messages(count: int, seed: int = 20260) -> list[str]:
    from opencc import OpenCC

    to_traditional = OpenCC("s2t")
    texts = [json.loads(line)["text"] for line in DEV_SET.read_text("utf-8").splitlines()]
    rng = random.Random(seed)
    messages = []
    for _ in range(count):
        text = rng.choice(texts)
        roll = rng.random()
        if roll < 0.15:
            text = text + rng.choice(texts)
        elif roll < 0.25:
            text = to_traditional.convert(text)
        elif roll < 0.30:
            text = "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else c for c in text)
        if rng.random() < 0.3:
            text = text + rng.choice(EMOJI) * rng.randint(1, 3)
        messages.append(rng.choice(OPENERS) + text + rng.choice(CLOSERS))
    return messages


def cold_start_seconds(runs: int = 5) -> tuple[float, float]:
    """Import to first decision in a fresh interpreter (jieba's cache already on disk), and
    the same until jieba is loaded too (routing loads it at the first near match)."""
    firsts, withs = [], []
    for _ in range(runs):
        out = subprocess.run([sys.executable, "-c", COLD_START], cwd=ROOT, check=True,
                             capture_output=True, text=True).stdout
        first, with_jieba = map(float, out.strip().splitlines()[-1].split())
        firsts.append(first)
        withs.append(with_jieba)
    return statistics.median(firsts), statistics.median(withs)


def timed(function, messages: list[str]) -> float:  # type: ignore[no-untyped-def]
    start = time.perf_counter()
    for message in messages:
        function(message)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--messages", type=int, default=20_000)
    args = parser.parse_args()

    cold, cold_jieba = cold_start_seconds()  # first: it also leaves jieba's cache on disk
    sys.path.insert(0, str(ROOT))
    from intake.routing.router import default_router
    from knowledge.text import normalize, tokenizer

    messages = realistic_messages(args.messages)
    router, jieba = default_router(), tokenizer()
    # Warm both paths on a slice so one-time costs (pinyin tables, jieba's HMM) are not timed.
    for message in messages[:500]:
        router.route(message)
        jieba.lcut(message)

    # The machine is shared, so load drifts: time the two in alternating slices of 1,000
    # messages and compare slice by slice, so a busy moment burdens both sides alike.
    segment = route = norm = 0.0
    ratios = []
    for start in range(0, len(messages), 1000):
        chunk = messages[start: start + 1000]
        seg_chunk = timed(jieba.lcut, chunk)
        route_chunk = timed(router.route, chunk)
        norm += timed(normalize, chunk)
        segment += seg_chunk
        route += route_chunk
        ratios.append(route_chunk / seg_chunk)
    leads: dict[str, int] = {}
    for message in messages[:2000]:
        lead = router.route(message).lead
        leads[lead] = leads.get(lead, 0) + 1

    n = len(messages)
    print(f"messages:                     {n}")
    print(f"mean length:                  {sum(map(len, messages)) / n:.0f} characters")
    print(f"routing:                      {n / route:,.0f} messages/s "
          f"({route / n * 1e6:.0f} µs each)")
    print(f"  of which normalisation:     {norm / n * 1e6:.0f} µs each")
    print(f"jieba segmentation alone:     {n / segment:,.0f} messages/s "
          f"({segment / n * 1e6:.0f} µs each)")
    print(f"routing / segmentation:       {route / segment:.2f}x overall, "
          f"{statistics.median(ratios):.2f}x median of {len(ratios)} slices  (aim: at most 2x)")
    print(f"cold start (import → first):  {cold:.2f} s  (aim: under 1 s, jieba cache warm)")
    print(f"  … and jieba loaded too:     {cold_jieba:.2f} s")
    print(f"leads on the first 2000:      {dict(sorted(leads.items()))}")


if __name__ == "__main__":
    main()
