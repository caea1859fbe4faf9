"""Fixtures for the attack and bad-input suites: the web app on both databases."""

from web_app_fixtures import app, client, web_settings  # noqa: F401 - fixtures
