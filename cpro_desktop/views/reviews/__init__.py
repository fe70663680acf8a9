"""Modules 3 and 4: the company review form (and the trainer's interim review, the same form),
and the archive of competence reviews with its comparison table."""

from __future__ import annotations

from cpro_desktop.views.reviews.archive import CompetenceReviewsPage
from cpro_desktop.views.reviews.company import CentreReviewDialog, CompanyReviewPage

__all__ = ["CentreReviewDialog", "CompanyReviewPage", "CompetenceReviewsPage"]
