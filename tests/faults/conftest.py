"""Fixtures for the fault suite: the web app fixtures of tests/security."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "security"))

from web_app_fixtures import app, client, web_settings  # noqa: F401 - fixtures
