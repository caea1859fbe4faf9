"""A date as three boxes in the page's language: 2026 年 11 月 30 日, or 30 November 2026.

``<input type=date>`` shows the browser's own format ("mm/dd/yyyy" in an English browser
on a Chinese page), whatever the page's language, and no attribute changes it. Three
``<select>`` boxes say it in the page's words and order, work without script, and on a
phone open the phone's own picker (a wheel or a list). A date posted as one ISO value (a
page drawn before, a script) is read as before.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from babel.dates import get_month_names
from flask_babel import gettext as _
from wtforms import Field
from wtforms.utils import unset_value

from intake.clock import local_today
from web.i18n import is_english

PARTS = ("year", "month", "day")
# Years offered back from the district's this year; earlier goes in "about when".
YEARS_BACK = 5


@dataclass(frozen=True)
class Box:
    """One of the three boxes, as ``macros.html`` draws it."""

    id: str
    name: str
    label: str  # 年, 月, 日 (Year, Month, Day): its accessible name
    suffix: str  # said after the box: 年 月 日 in Chinese, nothing in English
    blank: str  # what the box shows empty: "—" before its 年, "Day" where no word follows
    options: list[tuple[str, str, bool]]  # value, text, selected


class DateBoxes(Field):  # type: ignore[misc]
    """An optional date from three boxes; all empty is no date, part of one is refused.

    Drawn by ``macros.html`` (``field``) from :meth:`boxes`, in the page's order.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.parts: dict[str, str] = dict.fromkeys(PARTS, "")

    def process(self, formdata: Any, data: Any = unset_value, extra_filters: Any = None) -> None:
        self.process_errors = []
        self.data = None if data is unset_value else data
        if isinstance(self.data, date):
            self.parts = {"year": str(self.data.year), "month": str(self.data.month),
                          "day": str(self.data.day)}
        if formdata is None:
            return
        whole = (formdata.get(self.name) or "").strip()
        if whole:  # one ISO value: a page drawn before the boxes, a script
            self.raw_data = [whole]
            try:
                self.data = date.fromisoformat(whole)
            except ValueError:
                self.data = None
                self.process_errors.append(_("日期格式不对，请重新选择。"))
                return
            self.parts = {"year": str(self.data.year), "month": str(self.data.month),
                          "day": str(self.data.day)}
            return
        self.parts = {p: (formdata.get(f"{self.name}-{p}") or "").strip() for p in PARTS}
        self.raw_data = [self.parts[p] for p in PARTS]
        self.data = None
        given = [self.parts[p] for p in PARTS if self.parts[p]]
        if not given:
            return
        if len(given) < len(PARTS) or not all(v.isdigit() for v in given):
            self.process_errors.append(
                _("请把年、月、日都选上；记不清哪天就都不选，写在下面的“大约什么时候”里。"))
            return
        try:
            self.data = date(*(int(self.parts[p]) for p in PARTS))
        except ValueError:
            self.process_errors.append(_("没有这一天（例如 11 月只有 30 日），请重新选择。"))

    def boxes(self) -> list[Box]:
        english = is_english()
        this_year = local_today().year
        years = list(range(this_year, this_year - YEARS_BACK - 1, -1))
        if self.parts["year"].isdigit() and int(self.parts["year"]) not in years:
            years.append(int(self.parts["year"]))  # kept as sent (refused if still to come)
        # English months by name, as Babel's CLDR data spells them; Chinese by number before 月.
        month_names = get_month_names("wide", locale="en")
        texts = {
            "year": [(str(y), str(y)) for y in years],
            "month": [(str(m), month_names[m] if english else str(m)) for m in range(1, 13)],
            "day": [(str(d), str(d)) for d in range(1, 32)],
        }
        names = {"year": _("年"), "month": _("月"), "day": _("日")}
        order = ("day", "month", "year") if english else PARTS
        return [
            Box(
                id=self.id if n == 0 else f"{self.id}-{part}",  # the label's is the first
                name=f"{self.name}-{part}",
                label=names[part],
                suffix="" if english else names[part],
                blank=names[part] if english else "—",
                options=[(value, text, value == self.parts[part]) for value, text in texts[part]],
            )
            for n, part in enumerate(order)
        ]
