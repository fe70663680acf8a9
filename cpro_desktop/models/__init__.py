"""The domain as SQLAlchemy 2 typed ORM classes; importing this package registers them all."""

from .audit import AUDIT_ACTION_LABELS, AuditAction, AuditEvent
from .base import Base, utcnow
from .booklet import Booklet, BookletSection, Interview, PhaseSynthesis, Visit
from .centre import Centre, Company, SchoolClass, SchoolYear, class_trainers
from .enums import (
    AttachmentKind,
    Autonomy,
    BookletSectionKind,
    CompetenceLevel,
    GridKind,
    Origin,
    RatingResult,
    ReviewStatus,
    Role,
)
from .framework import (
    ActivityArea,
    Competence,
    Criterion,
    Diploma,
    Framework,
    Task,
    Unit,
    unit_competences,
)
from .limits import TEXT_LIMITS, OversizeText, add_length_checks, text_limit
from .people import Account, Apprentice, apprentice_guardians
from .periods import Period, PeriodPlan, period_plan_tasks
from .portfolio import (
    ActivitySheet,
    Attachment,
    Comment,
    Logbook,
    Portfolio,
    ReadMark,
    TaskLog,
    sheet_competences,
    sheet_criteria,
    sheet_tasks,
)
from .ratings import Rating, RatingGrid
from .reviews import CompetenceReview, CompetenceReviewLine, PeriodReview
from .sign_in import SignInThrottle, TrustedDevice

__all__ = [
    "AUDIT_ACTION_LABELS",
    "TEXT_LIMITS",
    "Account",
    "ActivityArea",
    "ActivitySheet",
    "Apprentice",
    "Attachment",
    "AttachmentKind",
    "AuditAction",
    "AuditEvent",
    "Autonomy",
    "Base",
    "Booklet",
    "BookletSection",
    "BookletSectionKind",
    "Centre",
    "Comment",
    "Company",
    "Competence",
    "CompetenceLevel",
    "CompetenceReview",
    "CompetenceReviewLine",
    "Criterion",
    "Diploma",
    "Framework",
    "GridKind",
    "Interview",
    "Logbook",
    "Origin",
    "OversizeText",
    "Period",
    "PeriodPlan",
    "PeriodReview",
    "PhaseSynthesis",
    "Portfolio",
    "Rating",
    "RatingGrid",
    "RatingResult",
    "ReadMark",
    "ReviewStatus",
    "Role",
    "SchoolClass",
    "SchoolYear",
    "SignInThrottle",
    "Task",
    "TaskLog",
    "TrustedDevice",
    "Unit",
    "Visit",
    "apprentice_guardians",
    "class_trainers",
    "period_plan_tasks",
    "sheet_competences",
    "sheet_criteria",
    "sheet_tasks",
    "text_limit",
    "unit_competences",
    "utcnow",
]

# Keep this last, once every model above is defined: the user-typed texts get their length
# limits (CHECK constraints) from models/limits.py.
add_length_checks(Base.metadata)
