"""Colours shared by the PDFs and the screens, kept apart from ReportLab: a screen that
shows a level's colour does not load the PDF code."""

from __future__ import annotations

from cpro_desktop.models.enums import CompetenceLevel

#: Each level's colour, in the PDFs and on the screens (NE is the seed's blue badge).
LEVEL_HEX = {
    CompetenceLevel.ACQUIRED: "#1b7a3a",
    CompetenceLevel.PARTIALLY_ACQUIRED: "#4f9a4f",
    CompetenceLevel.IN_PROGRESS: "#d9822b",
    CompetenceLevel.NOT_ACQUIRED: "#b3261e",
    CompetenceLevel.NOT_ASSESSED: "#2f6db5",
}
