"""The closed vocabularies of the domain (SPEC "Scales"), with their French labels."""

from __future__ import annotations

import enum


class Role(enum.StrEnum):
    """What an account is for; the permission policy keys on it."""

    APPRENTICE = "apprentice"
    TUTOR = "tutor"
    TRAINER = "trainer"
    ADMIN = "admin"
    GUARDIAN = "guardian"


ROLE_LABELS = {
    Role.APPRENTICE: "Apprenti",
    Role.TUTOR: "Maître d'apprentissage",
    Role.TRAINER: "Formateur",
    Role.ADMIN: "Administrateur",
    Role.GUARDIAN: "Représentant légal",
}


class Origin(enum.StrEnum):
    """Where something happened or was written: in the centre or in the company."""

    CENTRE = "centre"
    COMPANY = "company"


class GridKind(enum.StrEnum):
    """Purpose of a rating grid."""

    FORMATIVE = "formative"
    CERTIFYING = "certifying"


class RatingResult(enum.StrEnum):
    """Result of one criterion in a rating grid (the five results of the seed)."""

    SUCCESS_AUTONOMOUS = "success_autonomous"
    SUCCESS_ASSISTED = "success_assisted"
    PARTIAL = "partial"
    NOT_ASSESSABLE = "not_assessable"
    ABSENT = "absent"


RATING_RESULT_LABELS = {
    RatingResult.SUCCESS_AUTONOMOUS: "Réussite totale en autonomie",
    RatingResult.SUCCESS_ASSISTED: "Réussite totale avec aide",
    RatingResult.PARTIAL: "Réussite partielle",
    RatingResult.NOT_ASSESSABLE: "Critère non évaluable",
    RatingResult.ABSENT: "Apprenti absent",
}


class CompetenceLevel(enum.StrEnum):
    """Level of a competence in an interim review; the value is the printed symbol."""

    ACQUIRED = "++"
    PARTIALLY_ACQUIRED = "+"
    IN_PROGRESS = "-"
    NOT_ACQUIRED = "---"
    NOT_ASSESSED = "NE"


COMPETENCE_LEVEL_LABELS = {
    CompetenceLevel.ACQUIRED: "Compétence totalement acquise et transférable",
    CompetenceLevel.PARTIALLY_ACQUIRED: "Compétence partiellement acquise",
    CompetenceLevel.IN_PROGRESS: "Compétence en cours d'acquisition, non stabilisée",
    CompetenceLevel.NOT_ACQUIRED: "Compétence non acquise",
    CompetenceLevel.NOT_ASSESSED: "Compétence non évaluée",
}


class ReviewStatus(enum.StrEnum):
    """A competence review is a draft until definitively validated."""

    DRAFT = "draft"
    VALIDATED = "validated"


class Autonomy(enum.StrEnum):
    """Conditions of an activity described on a sheet."""

    AUTONOMOUS = "autonomous"
    ACCOMPANIED = "accompanied"


AUTONOMY_LABELS = {Autonomy.AUTONOMOUS: "En autonomie", Autonomy.ACCOMPANIED: "Accompagné"}


class AttachmentKind(enum.StrEnum):
    """An attachment holds either a file's bytes or a URL."""

    FILE = "file"
    URL = "url"


class BookletSectionKind(enum.StrEnum):
    """The free-text parts of the booklet, each with its own author and version."""

    ENTRY_POSITIONING = "entry_positioning"
    TEAM_OPINION = "team_opinion"
    PROGRESSION_COMPANY = "progression_company"
    PROGRESSION_CENTRE = "progression_centre"
    TRAINING_REVIEW = "training_review"
    ORIENTATION_PROJECT = "orientation_project"


BOOKLET_SECTION_LABELS = {
    BookletSectionKind.ENTRY_POSITIONING: "Positionnement à l'entrée en formation",
    BookletSectionKind.TEAM_OPINION: "Avis de l'équipe pédagogique à l'entrée en formation",
    BookletSectionKind.PROGRESSION_COMPANY: "Progression pédagogique envisagée en entreprise",
    BookletSectionKind.PROGRESSION_CENTRE: (
        "Progression pédagogique envisagée en centre de formation"
    ),
    BookletSectionKind.TRAINING_REVIEW: "Bilan de formation de l'apprenti",
    BookletSectionKind.ORIENTATION_PROJECT: "Projet d'orientation de l'apprenti",
}

#: Largest attachment the store accepts (files live in the database).
MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024
