"""The domain stays transport-free: nothing under intake/ imports Flask, telegram, web or bot."""

from __future__ import annotations

import ast
from pathlib import Path

import intake.db

FORBIDDEN = ("flask", "flask_wtf", "flask_limiter", "flask_babel", "telegram", "web", "bot")
# intake.db, not intake: under pytest the bare name may resolve to the tests/intake folder.
INTAKE_DIR = Path(intake.db.__file__).resolve().parent


def _imports(path: Path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module.split(".")[0])
    return found


def test_no_module_of_the_domain_imports_a_transport():
    offenders = {
        str(path.relative_to(INTAKE_DIR)): sorted(_imports(path) & set(FORBIDDEN))
        for path in INTAKE_DIR.rglob("*.py")
        if _imports(path) & set(FORBIDDEN)
    }
    assert offenders == {}
    assert len(list(INTAKE_DIR.rglob("*.py"))) > 20  # the scan really saw the package
