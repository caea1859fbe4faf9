"""``foodsafe serve`` starts the site; production settings turn on secure cookies and HSTS."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from dataclasses import replace
from pathlib import Path

import requests

from intake.settings import KEY_NAMES, Settings
from web.app import create_app

CLIENT_IP = "127.0.0.1"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_foodsafe_serve_answers_and_logs_no_client_address(
    settings: Settings, db_url: str, tmp_path: Path
) -> None:
    if not db_url.startswith("sqlite"):
        return  # the command is the same on both; one start is enough
    env = {**os.environ, "FOODSAFE_DATABASE_URL": db_url, "FOODSAFE_DATA_DIR": str(tmp_path),
           "FOODSAFE_KEY_FILE": str(tmp_path / "none.json")}
    for name in KEY_NAMES:
        env[f"FOODSAFE_{name.upper()}"] = getattr(settings.keys, name).hex()
    port = free_port()
    foodsafe = Path(sys.executable).with_name("foodsafe")
    process = subprocess.Popen([str(foodsafe), "serve", "--port", str(port)], env=env,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        for _ in range(100):
            try:
                if requests.get(f"http://127.0.0.1:{port}/healthz", timeout=1).ok:
                    break
            except requests.RequestException:
                time.sleep(0.2)
        else:
            raise AssertionError("foodsafe serve did not answer")
        assert "区食品安全服务" in requests.get(f"http://127.0.0.1:{port}/tip", timeout=5).text
    finally:
        process.terminate()
        out, err = process.communicate(timeout=10)
    assert f"http://127.0.0.1:{port}/" in out.decode()
    assert f"{CLIENT_IP} - -" not in err.decode()  # werkzeug's access-log line


def test_production_cookies_are_secure_and_hsts_is_sent(
    settings: Settings, session_factory: object
) -> None:
    app = create_app(replace(settings, base_url="https://food.example.gov.cn"))
    response = app.test_client().get("/staff/login", base_url="https://food.example.gov.cn")
    cookie = response.headers["Set-Cookie"]
    assert cookie.startswith("__Host-session=") and "Secure" in cookie and "HttpOnly" in cookie
    assert response.headers["Strict-Transport-Security"].startswith("max-age=")
    app.extensions["foodsafe"].engine.dispose()
