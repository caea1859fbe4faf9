"""The web fixtures of tests/web (settings → database → app → client), shared with the
security and fault suites.

tests/web's conftest is not visible from sibling directories, so it is loaded here by its
file and its fixtures re-exported; the conftests of tests/security and tests/faults import
them from this module. tests/web's directory goes on the path for its ``web_factories``.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

WEB_TESTS = Path(__file__).resolve().parent.parent / "web"
if str(WEB_TESTS) not in sys.path:
    sys.path.insert(0, str(WEB_TESTS))

_spec = importlib.util.spec_from_file_location("foodsafe_web_conftest", WEB_TESTS / "conftest.py")
assert _spec is not None and _spec.loader is not None
_web = sys.modules[_spec.name] = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_web)

web_settings = _web.web_settings
app = _web.app
client = _web.client
