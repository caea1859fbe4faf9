"""End to end in a real Chromium: a citizen files from a phone, staff reply, the citizen reads.

The app runs in a thread on 127.0.0.1 (werkzeug's threaded server) on the test database;
Debian's chromium is driven headless by Playwright. Screenshots go to the test's tmp dir
(and to FOODSAFE_SCREENSHOT_DIR when set, to look at them).
"""

from __future__ import annotations

import io
import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from documents import CAMERA_MARKER, GPS_IFD, camera_exif, camera_photo
from flask import Flask
from PIL import Image
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker
from web_factories import PASSWORD, file_case, make_staff, photo_bytes, serving

from intake.attachments import read_cleaned, read_original
from intake.models import Attachment, Case, Message, ReceiptLookupFailures
from intake.settings import Settings

pytestmark = pytest.mark.browser

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
PHONE = {"viewport": {"width": 390, "height": 844}, "device_scale_factor": 2,
         "is_mobile": True, "has_touch": True, "locale": "zh-CN"}
COMPLAINT = "今天中午在幸福路的老王川菜馆吃凉拌菜，发现菜里有苍蝇，吃完后腹痛，要求退款。"
# Generous: the machine is shared, and a worker's first request builds the router and the FAQ.
STEP_TIMEOUT_MS = 90_000
REPLY = "您好，已收到投诉，我们将在三个工作日内到店检查。"


@pytest.fixture
def live_server(app: Flask) -> Iterator[str]:
    with serving(app) as url:
        yield url


@pytest.fixture
def browser() -> Iterator[object]:
    if not Path(CHROMIUM).exists():
        pytest.skip("Debian chromium not installed")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, headless=True,
                                              args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def phone(browser: object, db_url: str) -> Iterator[Any]:
    """A phone-sized browser context (one run is enough: SQLite only)."""
    if not db_url.startswith("sqlite"):
        pytest.skip("one browser run is enough; the database paths are covered by the client tests")
    context = browser.new_context(**PHONE)  # type: ignore[attr-defined]
    context.set_default_timeout(STEP_TIMEOUT_MS)
    yield context
    context.close()


def phone_at(browser: Any, width: int) -> Any:
    """A phone's browser context ``width`` px wide (the caller closes it)."""
    context = browser.new_context(**{**PHONE, "viewport": {"width": width, "height": 740}})
    context.set_default_timeout(STEP_TIMEOUT_MS)
    return context


def csp_violations(page: Any) -> list[str]:
    """The Content-Security-Policy complaints the page's console will collect."""
    found: list[str] = []
    page.on("console", lambda message: found.append(message.text)
            if "Content Security Policy" in message.text else None)
    return found


def shoot(page: Any, shot: Path, *, full_page: bool = True) -> None:
    """A screenshot of ``page`` at ``shot``, kept (:func:`keep`)."""
    page.screenshot(path=str(shot), full_page=full_page)
    keep(shot)


def keep(shot: Path) -> None:
    target = os.environ.get("FOODSAFE_SCREENSHOT_DIR")
    if target:
        Path(target).mkdir(parents=True, exist_ok=True)
        shutil.copy(shot, Path(target) / shot.name)


def log_in(page: Any, live_server: str, username: str, totp: Any) -> Any:
    """``page`` through the desk's two steps: password, then the current TOTP code."""
    page.goto(f"{live_server}/staff/login")
    page.get_by_label("用户名").fill(username)
    page.get_by_label("密码").fill(PASSWORD)
    page.get_by_role("button", name="下一步").click()
    page.get_by_label("动态验证码").fill(totp.now())
    page.get_by_role("button", name="登录").click()
    return page


def test_a_phone_complaint_is_answered_by_staff_and_read_by_receipt(
    live_server: str, browser: object, session_factory: sessionmaker[Session],
    web_settings: Settings, tmp_path: Path, db_url: str,
) -> None:
    if not db_url.startswith("sqlite"):
        pytest.skip("one browser run is enough; the database paths are covered by the client tests")
    photo = tmp_path / "IMG_2041.jpg"
    photo.write_bytes(photo_bytes(size=(800, 600)))

    # Given a citizen on a phone, When they file a complaint with a photo
    phone = browser.new_context(**PHONE)  # type: ignore[attr-defined]
    phone.set_default_timeout(STEP_TIMEOUT_MS)
    page = phone.new_page()
    page.goto(f"{live_server}/")
    page.get_by_role("link", name="我要投诉").click()
    page.get_by_label("发生了什么").fill(COMPLAINT)
    page.get_by_label("商家或单位名称").fill("老王川菜馆")
    page.get_by_label("地点").fill("幸福路88号")
    page.get_by_label("电话").fill("13800000000")
    page.locator("input[type=file]").set_input_files(str(photo))
    shoot(page, tmp_path / "1-complaint-form.png")
    page.get_by_role("button", name="提交投诉").click()

    # Then they see the receipt once, the bureau and the deadline
    receipt = page.locator("#receipt").inner_text().strip()
    assert len(receipt.replace("-", "")) >= 16
    assert page.get_by_role("button", name="复制回执码").is_visible()
    shoot(page, tmp_path / "2-receipt.png")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, "the receipt page scrolls sideways on a phone"
    with session_factory() as session:
        case = session.scalars(select(Case)).one()
        number, bureau = case.case_number, case.lead_bureau
    assert number in page.content()

    # Given a handler of that bureau, When they log in with password and TOTP
    totp = make_staff(session_factory, web_settings, username="browser.handler", bureau=bureau)
    desk = browser.new_context(viewport={"width": 1280, "height": 900})  # type: ignore[attr-defined]
    desk.set_default_timeout(STEP_TIMEOUT_MS)
    staff = log_in(desk.new_page(), live_server, "browser.handler", totp)

    # Then the case is in their queue; they open it and reply
    staff.get_by_role("link", name=number).click()
    assert COMPLAINT in staff.locator("#case-text").inner_text()
    staff.get_by_label("回复投诉人").fill(REPLY)
    staff.get_by_role("button", name="发送回复").click()
    assert REPLY in staff.locator("#thread").inner_text()
    shoot(staff, tmp_path / "3-staff-case.png")

    # When the citizen looks the case up by receipt, Then they read the reply
    page.goto(f"{live_server}/status")
    page.get_by_label("回执码").fill(receipt)
    page.get_by_role("button", name="查询").click()
    assert REPLY in page.locator("#thread").inner_text()
    assert phone.cookies() == []  # the citizen's browser holds nothing of ours
    shoot(page, tmp_path / "4-status.png")
    phone.close()
    desk.close()


def file_on(page: Any, form_url: str, button: str) -> None:
    """Fill in the complaint or tip form at ``form_url`` in Chinese and wait for the receipt."""
    page.goto(form_url)
    page.get_by_label("发生了什么").fill(COMPLAINT)
    if form_url.endswith("/complaint"):
        page.get_by_label("电话").fill("13800000000")
    page.get_by_role("button", name=button).click()
    page.locator("#receipt").wait_for()


def cases_filed(factory: sessionmaker[Session]) -> int:
    with factory() as session:
        return len(session.scalars(select(Case.id)).all())


@pytest.mark.parametrize(("path", "button"), [("/complaint", "提交投诉"), ("/tip", "提交举报")])
def test_reloading_or_coming_back_to_a_receipt_never_files_the_case_again(
    live_server: str, phone: Any, session_factory: sessionmaker[Session], tmp_path: Path,
    path: str, button: str,
) -> None:
    """A reload of the receipt page posted the form again: a second case, a second receipt."""
    # Given a citizen who has just filed and sees the receipt
    page = phone.new_page()
    violations = csp_violations(page)
    file_on(page, f"{live_server}{path}", button)
    assert cases_filed(session_factory) == 1
    # the address bar already holds the page that stands in for the receipt
    assert page.url == f"{live_server}{path}/sent"

    # When they tap the language switch, Then they are warned first: the receipt would be gone
    warnings: list[str] = []
    page.once("dialog", lambda dialog: (warnings.append(dialog.message), dialog.dismiss()))
    page.get_by_role("link", name="English").click()
    assert warnings and "回执码只显示这一次" in warnings[0]
    assert page.locator("#receipt").is_visible()

    # When they reload, Then nothing is posted: the page explains the receipt was shown once
    page.reload()
    page.get_by_role("heading", name="回执码只显示一次").wait_for()
    assert page.locator("#receipt").count() == 0
    assert cases_filed(session_factory) == 1
    shoot(page, tmp_path / f"sent{path.replace('/', '-')}.png")

    # When they follow it to the status page and come back, and forward and back again
    page.get_by_role("link", name="查询进度").last.click()
    page.get_by_label("回执码").wait_for()
    page.go_back()
    page.get_by_role("heading", name="回执码只显示一次").wait_for()
    page.go_forward()
    page.go_back()
    page.get_by_role("heading", name="回执码只显示一次").wait_for()
    assert cases_filed(session_factory) == 1
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["viewport"]["width"]
    assert not violations

    # The stand-in page switches language as any other page does, with no warning
    page.once("dialog", lambda dialog: (warnings.append(dialog.message), dialog.dismiss()))
    page.get_by_role("link", name="English").click()
    page.get_by_role("heading", name="The receipt is shown only once").wait_for()
    assert len(warnings) == 1 and cases_filed(session_factory) == 1


def test_reloading_after_a_reply_never_sends_it_again(
    live_server: str, phone: Any, session_factory: sessionmaker[Session],
    web_settings: Settings,
) -> None:
    """A reload of the "sent" page posted the reporter's message a second time."""
    submission = file_case(session_factory, web_settings)
    page = phone.new_page()
    page.goto(f"{live_server}/status")
    page.get_by_label("回执码").fill(submission.receipt)
    page.get_by_role("button", name="查询").click()
    page.get_by_label("补充说明或回复").fill("补充：当天的小票还在。")
    page.get_by_role("button", name="发送", exact=True).click()
    page.get_by_text("已发送，工作人员会看到您的补充。").wait_for()
    assert page.url == f"{live_server}/status"

    page.reload()
    page.get_by_label("回执码").wait_for()
    with session_factory() as session:
        assert len(session.scalars(select(Message.id)).all()) == 1


def test_reloading_a_failed_lookup_never_counts_it_again(
    live_server: str, phone: Any, session_factory: sessionmaker[Session],
    web_settings: Settings,
) -> None:
    """A reload of "no case matches" posted the wrong receipt again: one more failure of the
    day's few, for a person who had only mistyped."""
    real = file_case(session_factory, web_settings).receipt
    wrong = real[:-1] + ("2" if real[-1] != "2" else "3")

    def failures() -> int:
        with session_factory() as session:
            return sum(session.scalars(select(ReceiptLookupFailures.failures)).all())

    page = phone.new_page()
    violations = csp_violations(page)
    page.goto(f"{live_server}/status")
    page.get_by_label("回执码").fill(wrong)
    page.get_by_role("button", name="查询").click()
    page.get_by_text("未找到对应的案件").wait_for()
    # The text shows before the page's deferred script has put GET /status in its place in
    # the history: a reload sooner would post again (as with the script off). Reload after it.
    page.wait_for_load_state("domcontentloaded")
    assert failures() == 1
    assert page.get_by_label("回执码").input_value() == wrong  # to mend, not to retype

    page.reload()
    page.get_by_label("回执码").wait_for()
    assert page.get_by_text("未找到对应的案件").count() == 0
    page.go_back()
    page.go_forward()
    page.get_by_label("回执码").wait_for()
    assert failures() == 1
    # The throttle still counts every lookup sent: the mended one is found, a new wrong one
    # counts.
    page.get_by_label("回执码").fill(wrong[:-1] + "4")
    page.get_by_role("button", name="查询").click()
    page.get_by_text("未找到对应的案件").wait_for()
    assert failures() == 2
    page.get_by_label("回执码").fill(real)
    page.get_by_role("button", name="查询").click()
    page.locator("#case-number").wait_for()
    assert failures() == 2 and not violations


def test_the_web_chat_answers_a_question_in_the_browser_under_the_csp(
    live_server: str, browser: object, db_url: str, tmp_path: Path
) -> None:
    if not db_url.startswith("sqlite"):
        pytest.skip("one browser run is enough")
    context = browser.new_context(**PHONE)  # type: ignore[attr-defined]
    page = context.new_page()
    violations = csp_violations(page)
    page.goto(f"{live_server}/chat/")
    page.locator(".chat-buttons button").first.wait_for(timeout=90_000)
    page.get_by_placeholder("请输入…").fill("隔夜菜能吃吗")
    page.get_by_role("button", name="发送").click()
    page.get_by_text("冰箱").first.wait_for(timeout=90_000)
    shoot(page, tmp_path / "5-chat.png")
    assert not violations
    assert context.cookies() == []
    context.close()


def test_a_long_chat_answer_is_shown_from_its_first_line(
    live_server: str, browser: object, db_url: str, tmp_path: Path
) -> None:
    """On a 360 px phone the log scrolled to the end of a long answer: its first lines were
    above the box and its "helpful?" buttons cut off below it."""
    if not db_url.startswith("sqlite"):
        pytest.skip("one browser run is enough")
    context = phone_at(browser, 360)
    page = context.new_page()
    page.goto(f"{live_server}/chat/")
    page.locator(".chat-buttons button").first.wait_for()
    page.get_by_placeholder("请输入…").fill("隔夜菜能吃吗")
    page.get_by_role("button", name="发送").click()
    answer = page.locator(".bubble.bot", has_text="冰箱").first
    answer.wait_for()
    page.wait_for_timeout(300)
    shoot(page, tmp_path / "chat-long-answer-360.png", full_page=False)
    box, shown = page.locator("#chat-log").bounding_box(), answer.bounding_box()
    assert box and shown and shown["height"] > box["height"] / 2  # a long answer indeed
    assert box["y"] <= shown["y"] < box["y"] + 40, (box, shown)  # its first line at the top
    context.close()


def test_a_phone_citizen_sends_a_photo_in_the_web_chat_and_the_case_has_it(
    live_server: str, phone: Any, session_factory: sessionmaker[Session],
    web_settings: Settings, tmp_path: Path,
) -> None:
    photo = tmp_path / "IMG_20261130_幸福路.jpg"
    camera_photo((800, 600)).save(photo, "JPEG", exif=camera_exif().tobytes())
    assert Image.open(photo).getexif().get_ifd(GPS_IFD)  # the phone's position is in it

    # Given a citizen on a phone in the web chat, under the strict CSP
    page = phone.new_page()
    violations = csp_violations(page)
    page.goto(f"{live_server}/chat/")
    log = page.locator("#chat-log")

    def answer(text: str) -> None:
        page.get_by_placeholder("请输入…").fill(text)
        page.get_by_role("button", name="发送", exact=True).click()

    def tap(label: str) -> None:
        log.get_by_role("button", name=label, exact=True).last.click()

    # When they start a complaint and tell it step by step
    tap("我要投诉")
    page.get_by_text("发生了什么").last.wait_for()
    answer(COMPLAINT)
    page.get_by_text("是哪家商家").last.wait_for()
    answer("老王川菜馆 幸福路88号")
    tap("今天")
    page.get_by_text("有照片吗").last.wait_for()
    # and send the photo from the phone's picker
    assert page.get_by_text("添加照片", exact=True).is_visible()
    page.locator("#chat-photo-input").set_input_files(str(photo))
    page.get_by_text("已收到第 1 张照片").wait_for()
    shoot(page, tmp_path / "6-chat-photo.png")
    tap("完成")
    page.get_by_text("请留下手机号或邮箱").last.wait_for()
    answer("13800000000")
    page.get_by_text("照片：1 张").wait_for()
    tap("确认提交")

    # Then they get a receipt, and the case holds the photo without its EXIF and GPS
    page.locator(".receipt-bubble").wait_for()
    shoot(page, tmp_path / "7-chat-receipt.png")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    with session_factory() as session:
        case = session.scalars(select(Case)).one()
        attachment = session.scalars(select(Attachment)).one()
        assert attachment.case_id == case.id and case.text == COMPLAINT
        cleaned = read_cleaned(web_settings, attachment)
        assert read_original(web_settings, attachment) == photo.read_bytes()
    assert case.case_number in log.inner_text()
    assert CAMERA_MARKER.encode() not in cleaned and not Image.open(io.BytesIO(cleaned)).getexif()
    assert Image.open(io.BytesIO(cleaned)).size == (800, 600)
    assert not violations
    assert phone.cookies() == []

    # When they reload the tab after the receipt, Then nothing is filed again (turns are
    # fetches, never a form's POST) and the receipt is not shown again
    page.reload()
    log.locator(".chat-buttons button").first.wait_for()
    assert page.locator(".receipt-bubble").count() == 0
    with session_factory() as session:
        assert len(session.scalars(select(Case.id)).all()) == 1


# The narrowest phones still sold (320 CSS pixels) and a common Android width.
NARROW_PHONES = (320, 360)


def lines_of(page: Any, selector: str) -> int:
    """How many lines the element's text is laid out on."""
    return int(page.evaluate(
        """(selector) => { const range = document.createRange();
             range.selectNodeContents(document.querySelector(selector));
             return new Set([...range.getClientRects()].map(r => Math.round(r.top))).size; }""",
        selector))


def test_on_a_narrow_phone_the_receipt_is_one_line_and_queue_dates_are_whole(
    live_server: str, browser: object, db_url: str, session_factory: sessionmaker[Session],
    web_settings: Settings, tmp_path: Path,
) -> None:
    """The receipt once broke inside a group ("GKTTW-NM69B-FAAJR-3" over "TY6B") at 320 px,
    and the queue's deadlines at their hyphens ("2026-12-" over "09")."""
    if not db_url.startswith("sqlite"):
        pytest.skip("one browser run is enough; the database paths are covered by the client tests")
    for width in NARROW_PHONES:
        context = phone_at(browser, width)
        page = context.new_page()
        page.goto(f"{live_server}/tip")
        page.get_by_label("发生了什么").fill("华联超市把过期酸奶改了生产日期重新上架。")
        page.get_by_role("button", name="提交举报").click()
        shoot(page, tmp_path / f"receipt-{width}.png")
        assert lines_of(page, "#receipt") == 1, f"the receipt wraps at {width} px"
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        context.close()

    totp = make_staff(session_factory, web_settings, username="phone.coord", bureau="fso",
                      role="coordinator")
    context = browser.new_context(**PHONE)  # type: ignore[attr-defined]
    context.set_default_timeout(STEP_TIMEOUT_MS)
    staff = log_in(context.new_page(), live_server, "phone.coord", totp)
    shoot(staff, tmp_path / "queue-phone.png")
    assert lines_of(staff, "#queue tbody td:first-child") == 1
    assert lines_of(staff, "#queue tbody td:nth-child(2) a") == 1
    # Each case is a card: every filled cell, status and bureau included, within the screen,
    # each on its own labelled line (a table showed three columns, a row a screen tall).
    cells = staff.evaluate("""() => [...document.querySelectorAll('#queue tbody tr:first-child td')]
        .filter(td => td.textContent.trim()).map(td => { const r = td.getBoundingClientRect();
          return [td.dataset.label, getComputedStyle(td, '::before').content,
                  Math.round(r.right)]; })""")
    width = PHONE["viewport"]["width"]
    assert len(cells) >= 5
    for label, shown, right in cells:
        assert shown == f'"{label}"' and right <= width, (label, shown, right)
    assert staff.evaluate("document.documentElement.scrollWidth") <= width
    # The first case is on the first screen: the filters, folded, no longer fill it.
    top = staff.evaluate("document.querySelector('#queue tbody tr').getBoundingClientRect().top")
    assert top < PHONE["viewport"]["height"], top
    context.close()


def test_on_a_desk_the_queues_headings_each_stay_on_one_line(
    live_server: str, browser: object, db_url: str, session_factory: sessionmaker[Session],
    web_settings: Settings, tmp_path: Path,
) -> None:
    """A case with many routing words widened its keywords column until "类型" and "提示"
    stood one character over the other."""
    if not db_url.startswith("sqlite"):
        pytest.skip("one browser run is enough; the database paths are covered by the client tests")
    context = browser.new_context(viewport={"width": 1280, "height": 900})  # type: ignore[attr-defined]
    context.set_default_timeout(STEP_TIMEOUT_MS)
    page = context.new_page()
    page.goto(f"{live_server}/complaint")
    page.get_by_label("发生了什么").fill(
        "昨天在幸福路的老王川菜馆吃了凉拌菜和剩菜，全家三口晚上都腹泻呕吐发烧，后厨不卫生，"
        "菜里还有头发，进口奶粉没有中文标签，商家说是过期的也卖，要求退款赔偿医药费。")
    page.get_by_label("电话").fill("13800000000")
    page.get_by_role("button", name="提交投诉").click()
    page.locator("#receipt").wait_for()
    totp = make_staff(session_factory, web_settings, username="desk.coord", bureau="fso",
                      role="coordinator")
    staff = log_in(context.new_page(), live_server, "desk.coord", totp)
    shoot(staff, tmp_path / "queue-desk.png")
    lines = staff.evaluate("""() => [...document.querySelectorAll('#queue thead th')].map(th => {
        const range = document.createRange(); range.selectNodeContents(th);
        return new Set([...range.getClientRects()].map(r => Math.round(r.top))).size; })""")
    assert lines == [1] * len(lines) and len(lines) >= 8, lines
    context.close()


def hidden_sideways(page: Any, table: str) -> int:
    """How many px of the table its box (.table-wrap) hides, to be scrolled sideways."""
    return int(page.evaluate("""(table) => {
        const box = document.querySelector(table).parentElement;
        return box.scrollWidth - box.clientWidth; }""", table))


def card_lines(page: Any, table: str) -> list[list[Any]]:
    """Each filled, labelled cell of the table: its label, the label shown before it (as a
    card's line on a phone) and where the cell ends on the right, in px."""
    return list(page.evaluate("""(table) => [...document.querySelectorAll(table + ' tbody td')]
        .filter(td => td.dataset.label && td.textContent.trim()).map(td => [td.dataset.label,
          getComputedStyle(td, '::before').content,
          Math.round(td.getBoundingClientRect().right)])""", table))


def staff_on_a_phone(
    browser: Any, live_server: str, factory: sessionmaker[Session], settings: Settings,
    username: str, width: int, role: str = "coordinator",
) -> tuple[Any, Any]:
    """A district office's ``role`` (a coordinator) logged in at the desk on a phone ``width``
    px wide: the browser context (the caller closes it) and its page."""
    totp = make_staff(factory, settings, username=username, bureau="fso", role=role)
    context = phone_at(browser, width)
    return context, log_in(context.new_page(), live_server, username, totp)


def test_on_a_narrow_phone_the_case_pages_audit_trail_is_cards_in_both_languages(
    live_server: str, browser: object, db_url: str, session_factory: sessionmaker[Session],
    web_settings: Settings, tmp_path: Path,
) -> None:
    """At 360 px the audit trail was a table wider than its box: the action stood one
    character a line (查/看/案/件) and the details ran off the screen, to be scrolled inside it."""
    if not db_url.startswith("sqlite"):
        pytest.skip("one browser run is enough; the database paths are covered by the client tests")
    number = file_case(session_factory, web_settings).case_number
    width = 360
    context, staff = staff_on_a_phone(browser, live_server, session_factory, web_settings,
                                      "phone.audit", width)
    for lang in ("zh_Hans", "en"):
        staff.goto(f"{live_server}/staff/cases/{number}?lang={lang}")
        shoot(staff, tmp_path / f"case-{lang}-{width}.png")
        assert hidden_sideways(staff, "#audit") == 0, lang  # nothing to scroll inside its box
        cells = card_lines(staff, "#audit")
        assert len(cells) >= 7  # submitted (with details) and viewed
        for label, shown, right in cells:
            assert shown == f'"{label}"' and right <= width, (lang, label, shown, right)
        assert lines_of(staff, "#audit tbody tr:last-child td:nth-child(3)") == 1, lang
        assert staff.evaluate("document.documentElement.scrollWidth") <= width
    context.close()


def test_on_a_narrow_phone_the_statistics_charts_are_drawn_for_its_width(
    live_server: str, browser: object, db_url: str, session_factory: sessionmaker[Session],
    web_settings: Settings, tmp_path: Path,
) -> None:
    """The charts were drawn 770 px wide and shown about 290 px wide on a 360 px phone: their
    words shrank to 4-5 px. The phone gets charts drawn for its width."""
    if not db_url.startswith("sqlite"):
        pytest.skip("one browser run is enough; the database paths are covered by the client tests")
    file_case(session_factory, web_settings)
    width = 360
    context, staff = staff_on_a_phone(browser, live_server, session_factory, web_settings,
                                      "phone.stats", width)
    for lang in ("zh_Hans", "en"):
        staff.goto(f"{live_server}/staff/statistics?lang={lang}")
        staff.wait_for_function("[...document.images].every(i => i.complete && i.naturalWidth)")
        shoot(staff, tmp_path / f"statistics-{lang}-{width}.png")
        charts = staff.evaluate("""[...document.querySelectorAll('img.chart')].map(i =>
            [i.currentSrc, i.clientWidth / i.naturalWidth])""")
        assert len(charts) == 2  # weekly and topics: nothing overdue or re-routed yet
        for source, scale in charts:
            assert "fit=phone" in source and f"lang={lang}" in source
            assert scale >= 0.8, (source, scale)  # the wide ones were shown at 0.38
        assert staff.evaluate("document.documentElement.scrollWidth") <= width
    context.close()


def test_on_a_narrow_phone_the_accounts_are_cards_in_both_languages(
    live_server: str, browser: object, db_url: str, session_factory: sessionmaker[Session],
    web_settings: Settings, tmp_path: Path,
) -> None:
    """At 360 px the accounts table was 460 px (Chinese) to 604 px (English) wide in its box,
    each bureau's name a column of single words and the form to change it off the screen."""
    if not db_url.startswith("sqlite"):
        pytest.skip("one browser run is enough; the database paths are covered by the client tests")
    make_staff(session_factory, web_settings, username="phone.clerk", bureau="agri")
    width = 360
    context, admin = staff_on_a_phone(browser, live_server, session_factory, web_settings,
                                      "phone.admin", width, role="admin")
    for lang in ("zh_Hans", "en"):
        admin.goto(f"{live_server}/staff/accounts?lang={lang}")
        shoot(admin, tmp_path / f"accounts-{lang}-{width}.png")
        assert hidden_sideways(admin, "#accounts") == 0, lang
        cells = card_lines(admin, "#accounts")
        assert len(cells) == 10  # five labelled lines for each of the two accounts
        for label, shown, right in cells:
            assert shown == f'"{label}"' and right <= width, (lang, label, shown, right)
        saves = admin.evaluate("""[...document.querySelectorAll('#accounts button')]
            .map(b => Math.round(b.getBoundingClientRect().right))""")
        assert len(saves) == 2 and max(saves) <= width, saves
        assert admin.evaluate("document.documentElement.scrollWidth") <= width
    context.close()


def test_on_a_narrow_phone_the_desks_menu_and_log_out_are_one_line(
    live_server: str, browser: object, db_url: str, session_factory: sessionmaker[Session],
    web_settings: Settings, tmp_path: Path,
) -> None:
    """On an English admin page at 360 px "Log out phone.admin" stood alone on a second line
    of the menu; a custodian's "Contact approvals" did the same at 320 px."""
    if not db_url.startswith("sqlite"):
        pytest.skip("one browser run is enough; the database paths are covered by the client tests")
    for role in ("admin", "custodian"):
        context, staff = staff_on_a_phone(browser, live_server, session_factory, web_settings,
                                          f"phone.{role}", 360, role=role)
        for width in NARROW_PHONES:
            staff.set_viewport_size({"width": width, "height": 740})
            for lang in ("zh_Hans", "en"):
                staff.goto(f"{live_server}/staff/?lang={lang}")
                tops = staff.evaluate("""[...document.querySelectorAll('nav.main a, #logout')]
                    .map(e => Math.round(e.getBoundingClientRect().top))""")
                assert len(tops) == 4 and len(set(tops)) == 1, (role, width, lang, tops)
                assert lines_of(staff, "#logout") == 1, (role, width, lang)
                box = staff.locator("#logout").bounding_box()
                assert box and box["x"] + box["width"] <= width, (role, width, lang, box)
                assert staff.evaluate("document.documentElement.scrollWidth") <= width
            shoot(staff, tmp_path / f"menu-{role}-en-{width}.png", full_page=False)
        context.close()


def test_on_a_narrow_phone_the_english_receipt_keeps_its_case_number_whole(
    live_server: str, browser: object, db_url: str, tmp_path: Path,
) -> None:
    """Beside "Responsible bureau" the case number broke at a hyphen ("FS2611-7BR2A-" over
    "F88GQ"): in English on a phone the labels stand above their values."""
    if not db_url.startswith("sqlite"):
        pytest.skip("one browser run is enough; the database paths are covered by the client tests")
    for width in NARROW_PHONES:
        context = phone_at(browser, width)
        page = context.new_page()
        page.goto(f"{live_server}/lang/en")
        page.goto(f"{live_server}/tip")
        page.get_by_label("What happened").fill("华联超市把过期酸奶改了生产日期重新上架。")
        page.get_by_role("button", name="Submit tip").click()
        shoot(page, tmp_path / f"receipt-en-{width}.png")
        assert lines_of(page, "#case-number") == 1, f"the case number wraps at {width} px"
        assert lines_of(page, "#receipt") == 1
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        context.close()


def test_on_a_narrow_phone_every_placeholder_fits_its_box(
    live_server: str, browser: object, db_url: str,
) -> None:
    """At 320-360 px English cut "District, street, number or a nearby landmark", "For example:
    is it safe to eat leftovers?" and "For example: yesterday at noon" off in their boxes."""
    if not db_url.startswith("sqlite"):
        pytest.skip("one browser run is enough; the database paths are covered by the client tests")
    context = phone_at(browser, 320)
    page = context.new_page()
    for lang in ("zh_Hans", "en"):
        for path in ("/complaint", "/tip", "/status", "/kb", "/chat/"):
            page.goto(f"{live_server}{path}?lang={lang}")
            cut = page.evaluate("""() => [...document.querySelectorAll('input[placeholder]')]
                .filter(i => i.offsetParent).map(i => { const s = getComputedStyle(i);
                  const pen = document.createElement('canvas').getContext('2d');
                  pen.font = s.font;
                  const room = i.clientWidth - parseFloat(s.paddingLeft)
                    - parseFloat(s.paddingRight);
                  return [i.placeholder, Math.round(pen.measureText(i.placeholder).width), room]; })
                .filter(([, needs, room]) => needs > room)""")
            assert not cut, (lang, path, cut)
    context.close()


def test_on_a_narrow_phone_the_menu_is_one_line_in_both_languages(
    live_server: str, browser: object, db_url: str, tmp_path: Path,
) -> None:
    """English put "Chat" alone on a second line at 360 px, Chinese "在线咨询" at 320 px."""
    if not db_url.startswith("sqlite"):
        pytest.skip("one browser run is enough; the database paths are covered by the client tests")
    for width in NARROW_PHONES:
        context = browser.new_context(  # type: ignore[attr-defined]
            **{**PHONE, "viewport": {"width": width, "height": 740}})
        page = context.new_page()
        for lang in ("zh_Hans", "en"):
            page.goto(f"{live_server}/?lang={lang}")
            tops = page.evaluate("""[...document.querySelectorAll('nav.main a')]
                .map(a => Math.round(a.getBoundingClientRect().top))""")
            assert len(tops) == 5 and len(set(tops)) == 1, (width, lang, tops)
            assert page.evaluate("document.documentElement.scrollWidth") <= width
        shoot(page, tmp_path / f"menu-en-{width}.png", full_page=False)
        context.close()


def test_a_chat_page_opened_again_in_its_tab_carries_on_with_the_report(
    live_server: str, phone: Any,
) -> None:
    """A phone that reloads the tab (put away while the camera was open) sent /start again,
    which threw the half-told complaint away; now the current question is asked again."""
    page = phone.new_page()
    page.goto(f"{live_server}/chat/")
    log = page.locator("#chat-log")
    log.get_by_role("button", name="我要投诉", exact=True).last.click()
    page.get_by_text("发生了什么").last.wait_for()
    page.get_by_placeholder("请输入…").fill(COMPLAINT)
    page.get_by_role("button", name="发送", exact=True).click()
    page.get_by_text("是哪家商家").last.wait_for()

    page.reload()
    page.get_by_text("是哪家商家").last.wait_for()
    page.get_by_placeholder("请输入…").fill("老王川菜馆 幸福路88号")
    page.get_by_role("button", name="发送", exact=True).click()
    page.get_by_text("是什么时候发生的").last.wait_for()


@pytest.mark.parametrize(("path", "button"), [("/complaint", "提交投诉"), ("/tip", "提交举报")])
def test_back_after_a_receipt_and_submit_again_files_nothing_more(
    live_server: str, phone: Any, session_factory: sessionmaker[Session], tmp_path: Path,
    path: str, button: str,
) -> None:
    """The back button showed the form as typed (the browser refills it, with a new form
    token) and "submit" filed a second case with a second receipt."""
    # Given a citizen who has filed and seen the receipt
    page = phone.new_page()
    file_on(page, f"{live_server}{path}", button)
    page.wait_for_url(f"{live_server}{path}/sent")

    # When they go back to the refilled form and submit it again as it is
    page.go_back()
    page.wait_for_url(f"{live_server}{path}")
    page.wait_for_function("document.querySelector('textarea').value.length > 0")
    page.get_by_role("button", name=button).click()

    # Then nothing more is filed, and the page says so and offers a new form
    page.locator("#sent-again").wait_for()
    assert cases_filed(session_factory) == 1
    assert page.locator("#receipt").count() == 0
    shoot(page, tmp_path / f"sent-again{path.replace('/', '-')}.png")
    page.locator("#another a").click()
    page.wait_for_url(f"{live_server}{path}")
    assert page.get_by_label("发生了什么").input_value() == ""


def test_the_file_box_speaks_the_pages_language_and_takes_out_a_file_too_large(
    live_server: str, phone: Any, session_factory: sessionmaker[Session], tmp_path: Path,
    web_settings: Settings,
) -> None:
    """"Choose Files / No file chosen" stood in the browser's language on every page; a file
    over the limit was found out only after the whole form had been sent."""
    photo = tmp_path / "IMG_2041.jpg"
    photo.write_bytes(photo_bytes(size=(800, 600)))
    large = tmp_path / "VID_0001.jpg"
    large.write_bytes(b"\xff\xd8" + bytes(web_settings.max_upload_bytes))
    page = phone.new_page()
    page.goto(f"{live_server}/complaint?lang=en")
    box = page.locator(".picker")
    assert box.get_by_text("Choose photos or files").is_visible()
    assert box.get_by_text("No file chosen yet; each file up to 10").is_visible()
    assert page.locator("input[type=file]").bounding_box()["width"] <= 1  # type: ignore[index]
    # When a file over the limit is chosen with a photo, Then it is said at once and nothing stays
    page.locator("input[type=file]").set_input_files([str(photo), str(large)])
    assert box.get_by_text("“VID_0001.jpg” is over 10").is_visible()
    assert page.locator("input[type=file]").evaluate("input => input.files.length") == 0
    # When the photo alone is chosen, Then it is named, and the complaint files it
    page.locator("input[type=file]").set_input_files(str(photo))
    assert box.get_by_text("Chosen: “IMG_2041.jpg”").is_visible()
    shoot(page, tmp_path / "file-box-en.png")
    page.get_by_label("What happened").fill(COMPLAINT)
    page.get_by_label("Phone").fill("13800000000")
    page.get_by_role("button", name="Submit complaint").click()
    page.locator("#receipt").wait_for()
    with session_factory() as session:
        assert len(session.scalars(select(Attachment)).all()) == 1

    # And in Chinese, the same box in Chinese; the keyboard reaches the hidden box
    page.goto(f"{live_server}/tip?lang=zh_Hans")
    assert page.locator(".picker").get_by_text("选择照片或文件").is_visible()
    assert page.locator(".picker").get_by_text("还没有选择文件").is_visible()
    page.locator("input[type=file]").focus()
    assert page.evaluate("document.activeElement.type") == "file"
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["viewport"]["width"]


def test_back_from_a_receipt_after_a_refused_try_leads_to_the_form(
    live_server: str, phone: Any, session_factory: sessionmaker[Session],
) -> None:
    """A refused try (no phone) and then a receipt: the back button met the browser's
    "Confirm Form Resubmission", in English, offering to post the refused try again."""
    page = phone.new_page()
    page.goto(f"{live_server}/complaint")
    page.get_by_label("发生了什么").fill(COMPLAINT)
    page.get_by_role("button", name="提交投诉").click()
    page.locator("#form-problems").wait_for()
    page.get_by_label("电话").fill("13800000000")
    page.get_by_role("button", name="提交投诉").click()
    page.locator("#receipt").wait_for()
    page.wait_for_url(f"{live_server}/complaint/sent")

    page.go_back()
    page.get_by_role("heading", name="食品投诉").wait_for()
    assert page.url == f"{live_server}/complaint"
    assert cases_filed(session_factory) == 1


def test_without_script_the_chat_page_offers_the_forms_not_a_dead_box(
    live_server: str, browser: object, db_url: str,
) -> None:
    """Without script "send" reloaded the page and lost what was typed."""
    if not db_url.startswith("sqlite"):
        pytest.skip("one browser run is enough; the database paths are covered by the client tests")
    context = browser.new_context(**PHONE, java_script_enabled=False)  # type: ignore[attr-defined]
    page = context.new_page()
    page.goto(f"{live_server}/chat/")
    assert not page.get_by_placeholder("请输入…").is_visible()
    assert not page.locator("#chat-log").is_visible()
    for name in ("投诉表单", "匿名举报表单", "食品安全问答"):
        assert page.locator("#chat-needs-script").get_by_role("link", name=name).is_visible()
    context.close()


def test_a_long_account_is_told_how_much_fits_before_its_end_is_lost(
    live_server: str, phone: Any,
) -> None:
    """5,600 characters pasted into the 5,000-character box lost their end without a word."""
    page = phone.new_page()
    page.goto(f"{live_server}/complaint")
    count = page.locator("#text-count")
    page.get_by_label("发生了什么").fill("超市卖过期牛奶。" * 100)
    assert not count.is_visible()
    page.get_by_label("发生了什么").fill("超市卖过期牛奶。" * 520)
    assert count.inner_text() == "已写 4160 字，最多 5000 字。"
    page.get_by_label("发生了什么").fill("超市卖过期牛奶。" * 700)
    assert count.inner_text().startswith("已写满 5000 字，再多的写不进去了")
    page.goto(f"{live_server}/complaint?lang=en")
    page.get_by_label("What happened").fill("x" * 4500)
    assert count.inner_text() == "4500 characters written, up to 5000."


def test_the_language_switch_asks_before_leaving_a_form_with_something_typed(
    live_server: str, phone: Any,
) -> None:
    """A half-written complaint was lost to a tap on "English" without a word."""
    page = phone.new_page()
    page.goto(f"{live_server}/complaint")
    asked: list[str] = []
    page.on("dialog", lambda dialog: (asked.append(dialog.message), dialog.dismiss()))
    page.get_by_label("发生了什么").fill(COMPLAINT)
    page.get_by_role("link", name="English").click()
    assert asked == ["切换语言后，这一页已经填写的内容不会保留。确定要切换吗？"]
    assert page.get_by_label("发生了什么").input_value() == COMPLAINT
    # An empty form switches at once
    page.get_by_label("发生了什么").fill("")
    page.get_by_role("link", name="English").click()
    page.get_by_role("heading", name="Food complaint").wait_for()
    assert len(asked) == 1


def test_the_helpful_question_stands_level_with_its_buttons(live_server: str, phone: Any) -> None:
    """"Was this helpful?" stood at the top of its row, its buttons reaching below its line."""
    page = phone.new_page()
    page.goto(f"{live_server}/kb/service-how-to-complain")
    row = page.locator("form.actions")
    question = row.locator("span").bounding_box()
    button = row.get_by_role("button").first.bounding_box()
    assert question and button
    middle = lambda box: box["y"] + box["height"] / 2  # noqa: E731
    assert abs(middle(question) - middle(button)) <= 2


def test_the_date_reads_in_the_pages_language_and_fits_a_narrow_phone(
    live_server: str, browser: object, db_url: str, session_factory: sessionmaker[Session],
    tmp_path: Path,
) -> None:
    """The date box showed this chromium's "mm/dd/yyyy" on the Chinese page: three boxes in the
    page's words now, one line at 320 px, chosen as a phone chooses (its own picker)."""
    if not db_url.startswith("sqlite"):
        pytest.skip("one browser run is enough; the database paths are covered by the client tests")
    context = phone_at(browser, 320)
    page = context.new_page()
    for lang, words in (("zh_Hans", "年月日"), ("en", "")):
        page.goto(f"{live_server}/complaint?lang={lang}")
        said = page.evaluate("""[...document.querySelectorAll('.date-part > span')]
            .map(s => s.textContent).join('')""")
        assert said == words
        tops = page.evaluate("""[...document.querySelectorAll('.date-boxes select')]
            .map(s => Math.round(s.getBoundingClientRect().top))""")
        widths = page.evaluate("""[...document.querySelectorAll('.date-boxes, .date-part')]
            .map(s => Math.round(s.getBoundingClientRect().width))""")
        assert len(tops) == 3 and len(set(tops)) == 1, (lang, tops, widths)
        assert page.evaluate("document.documentElement.scrollWidth") <= 320
        page.locator(".date-boxes").scroll_into_view_if_needed()
        shoot(page, tmp_path / f"date-{lang}-320.png", full_page=False)
    page.goto(f"{live_server}/complaint?lang=zh_Hans")
    page.get_by_label("发生了什么").fill(COMPLAINT)
    page.get_by_label("电话").fill("13800000000")
    page.get_by_role("combobox", name="年").select_option("2025")
    page.get_by_role("combobox", name="月").select_option("11")
    page.get_by_role("combobox", name="日").select_option("3")
    page.get_by_role("button", name="提交投诉").click()
    page.locator("#receipt").wait_for()
    with session_factory() as session:
        assert str(session.scalar(select(Case.occurred_on))) == "2025-11-03"
    context.close()
