"""The dashboard's translated labels for the domain's vocabularies (results, levels, kinds).

English sources, French from the catalogue (the SPEC's exact wording), so that the English
interface stays English; the exported documents use the services' French labels.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from cpro_desktop.models.enums import CompetenceLevel, Origin, RatingResult
from cpro_desktop.services.dashboard import RatingKind

# pyside6-lupdate reads the literal QCoreApplication.translate() calls below: keep them so.


def result_label(result: RatingResult) -> str:
    """ "Réussite totale en autonomie" …"""
    return {
        RatingResult.SUCCESS_AUTONOMOUS: QCoreApplication.translate(
            "DashboardLabels", "Total success, autonomously"
        ),
        RatingResult.SUCCESS_ASSISTED: QCoreApplication.translate(
            "DashboardLabels", "Total success, with help"
        ),
        RatingResult.PARTIAL: QCoreApplication.translate("DashboardLabels", "Partial success"),
        RatingResult.NOT_ASSESSABLE: QCoreApplication.translate(
            "DashboardLabels", "Criterion not assessable"
        ),
        RatingResult.ABSENT: QCoreApplication.translate("DashboardLabels", "Apprentice absent"),
    }[result]


def level_label(level: CompetenceLevel) -> str:
    """ "Compétence totalement acquise et transférable" …"""
    return {
        CompetenceLevel.ACQUIRED: QCoreApplication.translate(
            "DashboardLabels", "Competence fully acquired and transferable"
        ),
        CompetenceLevel.PARTIALLY_ACQUIRED: QCoreApplication.translate(
            "DashboardLabels", "Competence partially acquired"
        ),
        CompetenceLevel.IN_PROGRESS: QCoreApplication.translate(
            "DashboardLabels", "Competence being acquired, not yet stable"
        ),
        CompetenceLevel.NOT_ACQUIRED: QCoreApplication.translate(
            "DashboardLabels", "Competence not acquired"
        ),
        CompetenceLevel.NOT_ASSESSED: QCoreApplication.translate(
            "DashboardLabels", "Competence not assessed"
        ),
    }[level]


def kind_label(kind: RatingKind) -> str:
    """ "Centre — formatif", "Centre — certificatif", "Entreprise"."""
    return {
        RatingKind.CENTRE_FORMATIVE: QCoreApplication.translate(
            "DashboardLabels", "Centre — formative"
        ),
        RatingKind.CENTRE_CERTIFYING: QCoreApplication.translate(
            "DashboardLabels", "Centre — certifying"
        ),
        RatingKind.COMPANY: QCoreApplication.translate("DashboardLabels", "Company"),
    }[kind]


def origin_label(origin: Origin) -> str:
    """ "Centre de formation" or "Entreprise"."""
    return (
        QCoreApplication.translate("DashboardLabels", "Training centre")
        if origin == Origin.CENTRE
        else QCoreApplication.translate("DashboardLabels", "Company")
    )
