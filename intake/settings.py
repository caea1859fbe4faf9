"""The service's configuration: one frozen, typed object built from the environment.

Every default lives here and nowhere else. Secret keys never come from the code: they are
read from the environment or from a key file outside the repository (generated on first
local run by ``foodsafe keys --init``); in production start-up fails fast without them.
"""

from __future__ import annotations

import json
import os
import secrets
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent

KEY_NAMES = ("pseudonym_key", "receipt_key", "encryption_key", "session_key")


class ConfigurationError(RuntimeError):
    """The configuration cannot work; the message says what to set."""


@dataclass(frozen=True, repr=False)
class Keys:
    """The four secrets. ``repr`` is hidden so a key never reaches a log or a traceback."""

    pseudonym_key: bytes
    receipt_key: bytes
    encryption_key: bytes
    session_key: bytes

    def __repr__(self) -> str:
        return "Keys(<hidden>)"

    @classmethod
    def generate(cls) -> Keys:
        """Fresh random keys: for a new local install and for tests."""
        return cls(*(secrets.token_bytes(32) for _ in KEY_NAMES))

    def to_json(self) -> str:
        return json.dumps({name: getattr(self, name).hex() for name in KEY_NAMES}, indent=2)


def _default_key_file() -> Path:
    base = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(base) / "foodsafe" / "keys.json"


@dataclass(frozen=True)
class Settings:
    """Everything the service can be told. Build it with :func:`load_settings`."""

    keys: Keys = field(repr=False)
    production: bool = False
    database_url: str = f"sqlite:///{PROJECT_ROOT / 'var' / 'foodsafe.sqlite3'}"
    redis_url: str | None = None
    data_dir: Path = PROJECT_ROOT / "var"
    base_url: str = "http://127.0.0.1:8000"
    telegram_token: str | None = field(default=None, repr=False)
    telegram_api_base: str = "https://api.telegram.org/bot"
    telegram_webhook_url: str | None = None
    telegram_webhook_secret: str | None = field(default=None, repr=False)
    open311_api_keys: tuple[str, ...] = field(default=(), repr=False)
    holiday_file: Path | None = None
    deadlines_file: Path | None = None
    max_upload_bytes: int = 10 * 1024 * 1024
    receipt_lookups_per_day: int = 50
    proxy_hops: int = 0
    log_level: str = "INFO"

    @property
    def upload_dir(self) -> Path:
        return self.data_dir / "uploads"


def _read_key_file(path: Path) -> dict[str, bytes]:
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    except (OSError, ValueError) as exc:
        raise ConfigurationError(f"cannot read key file {path}: {exc}") from exc
    try:
        return {name: bytes.fromhex(raw[name]) for name in KEY_NAMES if name in raw}
    except (TypeError, ValueError) as exc:
        raise ConfigurationError(f"key file {path} holds a key that is not hex") from exc


def _load_keys(env: Mapping[str, str]) -> Keys | None:
    """Keys from FOODSAFE_<NAME> variables (hex), else from the key file; None if incomplete."""
    key_file = Path(env.get("FOODSAFE_KEY_FILE") or _default_key_file())
    found = _read_key_file(key_file)
    for name in KEY_NAMES:
        value = env.get(f"FOODSAFE_{name.upper()}")
        if value:
            try:
                found[name] = bytes.fromhex(value)
            except ValueError as exc:
                raise ConfigurationError(f"FOODSAFE_{name.upper()} must be hex") from exc
    if any(len(found.get(name, b"")) < 16 for name in KEY_NAMES):
        return None
    return Keys(**{name: found[name] for name in KEY_NAMES})


def write_key_file(path: Path | None = None) -> Path:
    """Create the key file for a local install if it does not exist yet (mode 0600)."""
    path = path or _default_key_file()
    if path.exists():
        return path
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(Keys.generate().to_json())
    return path


def load_settings(env: Mapping[str, str] | None = None) -> Settings:
    """Build the settings from ``env`` (default: ``os.environ``); raise ConfigurationError."""
    env = os.environ if env is None else env
    production = env.get("FOODSAFE_ENV", "development") == "production"
    keys = _load_keys(env)
    if keys is None:
        names = ", ".join(f"FOODSAFE_{n.upper()}" for n in KEY_NAMES)
        raise ConfigurationError(
            "secret keys are missing: set "
            f"{names} (hex, 32 bytes each) or FOODSAFE_KEY_FILE; "
            "for a local install run `foodsafe keys --init`"
        )
    data_dir = Path(env.get("FOODSAFE_DATA_DIR") or PROJECT_ROOT / "var")
    database_url = env.get("FOODSAFE_DATABASE_URL") or f"sqlite:///{data_dir / 'foodsafe.sqlite3'}"
    if production and database_url.startswith("sqlite") and not env.get("FOODSAFE_ALLOW_SQLITE"):
        raise ConfigurationError("production needs FOODSAFE_DATABASE_URL (PostgreSQL)")
    api_keys = tuple(k for k in env.get("FOODSAFE_OPEN311_KEYS", "").split(",") if k.strip())
    holiday_file = env.get("FOODSAFE_HOLIDAY_FILE")
    deadlines_file = env.get("FOODSAFE_DEADLINES_FILE")
    return Settings(
        keys=keys,
        production=production,
        database_url=database_url,
        redis_url=env.get("FOODSAFE_REDIS_URL") or None,
        data_dir=data_dir,
        base_url=env.get("FOODSAFE_BASE_URL", Settings.base_url),
        telegram_token=env.get("FOODSAFE_TELEGRAM_TOKEN") or None,
        telegram_api_base=env.get("FOODSAFE_TELEGRAM_API_BASE", Settings.telegram_api_base),
        telegram_webhook_url=env.get("FOODSAFE_TELEGRAM_WEBHOOK_URL") or None,
        telegram_webhook_secret=env.get("FOODSAFE_TELEGRAM_WEBHOOK_SECRET") or None,
        open311_api_keys=tuple(k.strip() for k in api_keys),
        holiday_file=Path(holiday_file) if holiday_file else None,
        deadlines_file=Path(deadlines_file) if deadlines_file else None,
        max_upload_bytes=int(env.get("FOODSAFE_MAX_UPLOAD_BYTES", Settings.max_upload_bytes)),
        receipt_lookups_per_day=int(
            env.get("FOODSAFE_RECEIPT_LOOKUPS_PER_DAY", Settings.receipt_lookups_per_day)
        ),
        proxy_hops=int(env.get("FOODSAFE_PROXY_HOPS", Settings.proxy_hops)),
        log_level=env.get("FOODSAFE_LOG_LEVEL", Settings.log_level),
    )
