"""Module 1, "Suivi des activités en entreprise": the views (page, sheet, logbook wizard,
period editor) built on `cpro_desktop.services.activities`."""

from __future__ import annotations

from .page import ActivitiesPage

__all__ = ["ActivitiesPage"]
