"""ISO weeks of a period and the French labels of module 1, exactly as the seed prints them.

    PFMP1 - 1er BCP [du 05/09/2022 au 18/09/2022] [2 fiches]
    Fiche activité : semaine 29 [2023] [dernière modification le : 04/07/2023]
    AZZOUG Mina (1MELEC) [3 pfmps]

French counts are singular for 0 and 1 ("[1 fiche]", "[0 fiche]").
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta


@dataclass(frozen=True, order=True)
class IsoWeek:
    """One ISO 8601 week: (year, week), ordered chronologically."""

    year: int
    week: int

    @classmethod
    def of(cls, day: date) -> IsoWeek:
        """The ISO week holding `day` (28/12/2020 → 2020-W53, 02/01/2023 → 2023-W1)."""
        iso = day.isocalendar()
        return cls(iso.year, iso.week)

    @property
    def monday(self) -> date:
        return date.fromisocalendar(self.year, self.week, 1)

    @property
    def sunday(self) -> date:
        return date.fromisocalendar(self.year, self.week, 7)

    @property
    def short_label(self) -> str:
        """The dashboard's column title: "S05", "S37"."""
        return f"S{self.week:02d}"

    def __str__(self) -> str:
        return f"{self.year}-W{self.week:02d}"


def iso_weeks(start: date, end: date) -> tuple[IsoWeek, ...]:
    """Every ISO week the date range touches, in order (across a year end too)."""
    weeks: list[IsoWeek] = []
    monday = start - timedelta(days=start.weekday())
    while monday <= end:
        weeks.append(IsoWeek.of(monday))
        monday += timedelta(days=7)
    return tuple(weeks)


def format_date(day: date | datetime | None) -> str:
    """DD/MM/YYYY; an instant is shown on the local calendar; "" for None."""
    if day is None:
        return ""
    if isinstance(day, datetime):
        day = day.astimezone().date()
    return day.strftime("%d/%m/%Y")


def count_label(count: int, singular: str, plural: str) -> str:
    """ "2 fiches", "1 fiche", "0 fiche" (French: singular below 2)."""
    return f"{count} {singular if count < 2 else plural}"


def sheets_count_label(count: int) -> str:
    """ "[2 fiches]", "[1 fiche]"."""
    return f"[{count_label(count, 'fiche', 'fiches')}]"


def period_dates_label(name: str, start: date, end: date) -> str:
    """ "PFMP1 - 1er BCP [du 05/09/2022 au 18/09/2022]"."""
    return f"{name} [du {format_date(start)} au {format_date(end)}]"


def period_label(name: str, start: date, end: date, sheet_count: int) -> str:
    """ "PFMP1 - 1er BCP [du 05/09/2022 au 18/09/2022] [2 fiches]"."""
    return (
        f"{name} [du {format_date(start)} au {format_date(end)}] {sheets_count_label(sheet_count)}"
    )


def sheet_label(iso_year: int, iso_week: int, last_change: date | datetime) -> str:
    """ "Fiche activité : semaine 29 [2023] [dernière modification le : 04/07/2023]"."""
    return (
        f"Fiche activité : semaine {iso_week} [{iso_year}] "
        f"[dernière modification le : {format_date(last_change)}]"
    )


def apprentice_label(display_name: str, class_name: str, period_count: int) -> str:
    """ "AZZOUG Mina (1MELEC) [3 pfmps]"."""
    periods = count_label(period_count, "pfmp", "pfmps")
    return (
        f"{display_name} ({class_name}) [{periods}]"
        if class_name
        else f"{display_name} [{periods}]"
    )


def portfolio_label(display_name: str, class_name: str, completed_count: int) -> str:
    """A portfolio folder of the period view: "AZZOUG Mina (1MELEC) [2 fiches complétées]"."""
    completed = count_label(completed_count, "fiche complétée", "fiches complétées")
    return (
        f"{display_name} ({class_name}) [{completed}]"
        if class_name
        else f"{display_name} [{completed}]"
    )


def size_label(size_bytes: int) -> str:
    """A file size as the French UI writes it: "512 o", "12,5 Ko", "3,2 Mo"."""
    if size_bytes < 1024:
        return f"{size_bytes} o"
    value = float(size_bytes)
    for unit in ("Ko", "Mo"):
        value /= 1024
        if value < 1024:
            return f"{value:.1f} {unit}".replace(".", ",")
    return f"{value / 1024:.1f} Go".replace(".", ",")


def megabytes_label(size_bytes: int) -> str:
    """A size limit in whole or decimal megabytes: "10 Mo"."""
    value = size_bytes / (1024 * 1024)
    text = f"{value:.0f}" if value == int(value) else f"{value:.1f}".replace(".", ",")
    return f"{text} Mo"
