"""Build tests/data/faq_dev.jsonl from the hand-written sources in faq_dev_src/.

Each source line is ``entry-id|question``; questions are written as citizens ask them, not
copied from the entries. Run: .venv/bin/python tests/data/build_faq_dev.py
"""

from __future__ import annotations

import json
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main() -> None:
    lines = []
    for path in sorted((HERE / "faq_dev_src").glob("*.txt")):
        for raw in path.read_text(encoding="utf-8").splitlines():
            if not raw.strip() or raw.startswith("#"):
                continue
            expected, question = raw.split("|", 1)
            lines.append({"id": f"{path.stem}-{len(lines) + 1:04d}", "question": question.strip(),
                          "expected": expected.strip()})
    out = HERE / "faq_dev.jsonl"
    out.write_text("".join(json.dumps(line, ensure_ascii=False) + "\n" for line in lines),
                   encoding="utf-8")
    print(f"{len(lines)} questions → {out}")


if __name__ == "__main__":
    main()
