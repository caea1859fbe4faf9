"""What gunicorn serves: production's app, warmed and its long-lived objects frozen."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from intake.settings import KEY_NAMES, Settings

ROOT = Path(__file__).resolve().parents[2]
BUILD = """
import gc, json
from intake.routing.router import default_router
from knowledge.faq import default_base
from knowledge.text import tokenizer
from web.serving import production_app
app = production_app(RATELIMIT_ENABLED=False)
print(json.dumps({
    "frozen": gc.get_freeze_count(),
    "limits": app.config["RATELIMIT_ENABLED"],
    "built": [f.cache_info().currsize for f in (default_router, default_base, tokenizer)],
}))
"""


def test_the_production_app_is_built_warm_and_frozen_before_the_workers_fork(
    settings: Settings, tmp_path: Path
) -> None:
    env = {**os.environ, "FOODSAFE_DATA_DIR": str(tmp_path),
           "FOODSAFE_DATABASE_URL": f"sqlite:///{tmp_path / 'serving.sqlite3'}",
           "FOODSAFE_KEY_FILE": str(tmp_path / "none.json"), "PYTHONPATH": str(ROOT)}
    for name in KEY_NAMES:
        env[f"FOODSAFE_{name.upper()}"] = getattr(settings.keys, name).hex()
    done = subprocess.run([sys.executable, "-c", BUILD], env=env, cwd=ROOT,
                          capture_output=True, text=True, timeout=300, check=True)
    built = json.loads(done.stdout.strip().splitlines()[-1])
    assert built["limits"] is False  # the overrides reach the app
    assert built["built"] == [1, 1, 1]  # router, FAQ index and jieba are built once, now
    # The indexes are hundreds of thousands of objects; a full collection skips them all.
    assert built["frozen"] > 100_000
