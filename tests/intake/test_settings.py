"""Settings: one frozen object from the environment; missing secrets stop start-up clearly."""

from __future__ import annotations

import dataclasses
import json

import pytest

from intake.settings import KEY_NAMES, ConfigurationError, Keys, load_settings, write_key_file


def _key_env() -> dict[str, str]:
    keys = Keys.generate()
    return {f"FOODSAFE_{name.upper()}": getattr(keys, name).hex() for name in KEY_NAMES}


def test_missing_keys_stop_start_up_with_the_variables_to_set(tmp_path):
    env = {"FOODSAFE_ENV": "production", "FOODSAFE_KEY_FILE": str(tmp_path / "none.json")}
    with pytest.raises(ConfigurationError) as failure:
        load_settings(env)
    message = str(failure.value)
    assert all(f"FOODSAFE_{name.upper()}" in message for name in KEY_NAMES)


def test_production_refuses_sqlite_unless_allowed(tmp_path):
    env = {"FOODSAFE_ENV": "production", "FOODSAFE_KEY_FILE": str(tmp_path / "k"), **_key_env()}
    with pytest.raises(ConfigurationError):
        load_settings(env)
    assert load_settings({**env, "FOODSAFE_ALLOW_SQLITE": "1"}).production
    pg = load_settings({**env, "FOODSAFE_DATABASE_URL": "postgresql://db/foodsafe"})
    assert pg.database_url == "postgresql://db/foodsafe"


def test_the_key_file_is_written_once_private_and_read_back(tmp_path):
    path = write_key_file(tmp_path / "cfg" / "keys.json")
    assert oct(path.stat().st_mode & 0o777) == "0o600"
    settings = load_settings({"FOODSAFE_KEY_FILE": str(path)})
    stored = json.loads(path.read_text())
    assert settings.keys.receipt_key.hex() == stored["receipt_key"]
    assert write_key_file(path) == path and json.loads(path.read_text()) == stored


def test_settings_are_frozen_and_never_show_their_keys(tmp_path):
    settings = load_settings({"FOODSAFE_KEY_FILE": str(tmp_path / "k"), **_key_env()})
    with pytest.raises(dataclasses.FrozenInstanceError):
        settings.production = True  # type: ignore[misc]
    assert settings.keys.receipt_key.hex() not in repr(settings)
    assert "hidden" in repr(settings.keys)


def test_numbers_and_paths_come_from_the_environment(tmp_path):
    env = {
        "FOODSAFE_KEY_FILE": str(tmp_path / "k"),
        "FOODSAFE_RECEIPT_LOOKUPS_PER_DAY": "7",
        "FOODSAFE_HOLIDAY_FILE": str(tmp_path / "holidays.yaml"),
        "FOODSAFE_DATA_DIR": str(tmp_path / "data"),
        **_key_env(),
    }
    settings = load_settings(env)
    assert settings.receipt_lookups_per_day == 7
    assert settings.holiday_file == tmp_path / "holidays.yaml"
    assert settings.database_url == f"sqlite:///{tmp_path / 'data' / 'foodsafe.sqlite3'}"
    assert settings.upload_dir == tmp_path / "data" / "uploads"
