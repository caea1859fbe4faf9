"""Pages translate their strings once per language: the memory must not mix languages."""

from __future__ import annotations

from flask import Flask, render_template_string
from flask.testing import FlaskClient


def test_each_page_keeps_its_own_language_when_both_are_served_in_turn(
    client: FlaskClient,
) -> None:
    for lang, wanted, unwanted in [
        ("zh_Hans", "在线咨询", "In an emergency"),
        ("en", "In an emergency", "在线咨询"),
        ("zh_Hans", "在线咨询", "In an emergency"),
        ("en", "In an emergency", "在线咨询"),
    ]:
        page = client.get(f"/status?lang={lang}").get_data(as_text=True)
        assert wanted in page and unwanted not in page


def test_translated_strings_format_and_escape_their_values_every_time(app: Flask) -> None:
    template = (
        "{{ _('您提到“%(matched)s”：《食品安全工作方案》第%(clauses)s条。',"
        " matched=m, clauses='(七)') }}|{{ _('100%% 退款') }}"
    )
    for lang in ("en", "en", "zh_Hans", "zh_Hans"):
        for matched in ("<b>外卖</b>", "凉菜"):
            with app.test_request_context(f"/?lang={lang}"):
                html = render_template_string(template, m=matched)
            told, refund = html.split("|")
            assert refund == "100% 退款"
            assert "<b>" not in told
            assert ("&lt;b&gt;外卖&lt;/b&gt;" if matched.startswith("<") else "凉菜") in told
            assert ("You mentioned" in told) == (lang == "en"), told


def test_lists_are_punctuated_in_the_pages_language(app: Flask) -> None:
    template = "{{ codes|map('bureau_name')|listing }}|{{ ['(七)', '(八)']|listing }}"
    for lang, wanted in [
        ("en", "District Health Commission, District Education and Sports Bureau|(七), (八)"),
        ("zh_Hans", "区卫健局、区教体局|(七)、(八)"),
    ]:
        with app.test_request_context(f"/?lang={lang}"):
            assert render_template_string(template, codes=["health", "edu"]) == wanted


def test_a_macro_from_another_template_speaks_each_requests_language(
    client: FlaskClient,
) -> None:
    # The file box's words come from macros.html, which Jinja imports once and keeps, with
    # its own template context, from one request to the next.
    for lang, wanted, unwanted in [
        ("zh_Hans", "选择照片或文件", "Choose photos or files"),
        ("en", "Choose photos or files", "选择照片或文件"),
        ("zh_Hans", "选择照片或文件", "Choose photos or files"),
    ]:
        page = client.get(f"/complaint?lang={lang}").get_data(as_text=True)
        assert wanted in page and unwanted not in page
