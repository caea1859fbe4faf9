#!/bin/sh
# Lock the installed dependencies and audit them for known vulnerabilities.
#
#   bench/audit.sh            # writes requirements.lock, then runs pip-audit against it
#
# requirements.lock is `pip freeze` of the virtual environment without the project itself
# (every version pinned). pip-audit asks PyPI's vulnerability data for each pin. pip-audit
# prints "No known vulnerabilities found" even when it could not look a package up (it
# skips it), so this script reads pip-audit's JSON and decides itself:
#   exit 0  every pinned package was checked and none has a known vulnerability
#   exit 1  at least one known vulnerability (listed)
#   exit 2  no verdict: some packages could not be checked (no route to the service)
set -u
cd "$(dirname "$0")/.."
BIN=${BIN:-.venv/bin}
LOCK=${LOCK:-requirements.lock}

{
  echo "# Pinned by bench/audit.sh from the project's virtual environment (pip freeze)."
  "$BIN/pip" freeze --exclude-editable --all 2>/dev/null \
    | grep -v -i -E '^(foodsafe|pip|setuptools|wheel)[=@ ]'
} > "$LOCK"
echo "audit: $(grep -c '==' "$LOCK") pinned packages in $LOCK"

report=$(mktemp)
trap 'rm -f "$report"' EXIT
"$BIN/pip-audit" --requirement "$LOCK" --no-deps --disable-pip --progress-spinner off \
  --format json --output "$report" 2>/dev/null
"$BIN/python" - "$report" <<'EOF'
import json
import sys

try:
    with open(sys.argv[1], encoding="utf-8") as handle:
        found = json.load(handle)
except (OSError, ValueError):
    print("audit: pip-audit produced no report: the vulnerability service was not reached")
    sys.exit(2)
deps = found.get("dependencies", [])
vulnerable = [d for d in deps if d.get("vulns")]
skipped = [d for d in deps if d.get("skip_reason")]
for dep in vulnerable:
    ids = ", ".join(v["id"] for v in dep["vulns"])
    print(f"VULNERABLE {dep['name']}=={dep.get('version')}: {ids}")
checked = len(deps) - len(skipped)
print(f"audit: {checked} checked, {len(vulnerable)} vulnerable, {len(skipped)} not checkable")
if vulnerable:
    sys.exit(1)
if skipped:
    print(
        "audit: NO VERDICT: pip-audit could not look up "
        f"{len(skipped)} packages (first: {skipped[0]['skip_reason']}). "
        "The vulnerability service is unreachable from here; rerun where PyPI's JSON API is."
    )
    sys.exit(2)
print("audit: no known vulnerabilities")
EOF
