"""The administrator's set-up: accounts, school years, classes, companies, apprentices,
diplomas and their frameworks, and the centre's identity.

Every function opens one transaction, asks the permission policy first
(`Action.ADMINISTER`), validates its input with French messages naming the field, and
returns frozen snapshots built by a fixed number of queries whatever the data size.
Updates take the `version` the user read: a row changed since is a `ConflictError`, never a
silent overwrite. Nothing that carries history is deleted: accounts are deactivated, an
apprentice moved to another class keeps his portfolios, ratings and reviews, and a
framework item already used by ratings, reviews or sheets cannot be deleted.

One module per subject (`accounts`, `school_years`, `classes`, `companies`, `apprentices`,
`frameworks`, `centre`, `choices`); `base` holds what they share, including the helpers the
imports (`services/interop`) reuse. Callers use this package: `admin.list_accounts(...)`.
"""

from __future__ import annotations

from cpro_desktop.services.admin.accounts import (
    AccountInput,
    AccountRow,
    create_account,
    deactivate_account,
    list_accounts,
    reactivate_account,
    reset_account_password,
    update_account,
)
from cpro_desktop.services.admin.apprentices import (
    ApprenticeInput,
    ApprenticeRow,
    create_apprentice,
    list_apprentices,
    update_apprentice,
)
from cpro_desktop.services.admin.base import TEACHING_ROLES, display_name

# Private, kept importable here for the test of the constraint messages.
from cpro_desktop.services.admin.base import _translate_integrity as _translate_integrity
from cpro_desktop.services.admin.centre import CentreInfo, CentreInput, get_centre, update_centre
from cpro_desktop.services.admin.choices import Choice, FormChoices, form_choices
from cpro_desktop.services.admin.classes import (
    ClassInput,
    ClassRow,
    create_class,
    list_classes,
    set_class_trainers,
    update_class,
)
from cpro_desktop.services.admin.companies import (
    CompanyInput,
    CompanyRow,
    create_company,
    list_companies,
    update_company,
)
from cpro_desktop.services.admin.frameworks import (
    DiplomaInput,
    DiplomaRow,
    FrameworkItem,
    FrameworkTree,
    ItemInput,
    ItemKind,
    add_framework_item,
    create_diploma,
    delete_framework_item,
    framework_tree,
    framework_trees,
    list_diplomas,
    move_framework_item,
    update_diploma,
    update_framework_item,
)
from cpro_desktop.services.admin.school_years import (
    SchoolYearInput,
    SchoolYearRow,
    create_school_year,
    list_school_years,
    update_school_year,
)

# Re-exported so that the views catch the services' errors without importing the store.
from cpro_desktop.store.errors import ConflictError as ConflictError
from cpro_desktop.store.errors import CproError as CproError
from cpro_desktop.store.errors import NotFound as NotFound
from cpro_desktop.store.errors import PermissionDenied as PermissionDenied
from cpro_desktop.store.errors import ValidationError as ValidationError

__all__ = [
    "TEACHING_ROLES",
    "AccountInput",
    "AccountRow",
    "ApprenticeInput",
    "ApprenticeRow",
    "CentreInfo",
    "CentreInput",
    "Choice",
    "ClassInput",
    "ClassRow",
    "CompanyInput",
    "CompanyRow",
    "ConflictError",
    "CproError",
    "DiplomaInput",
    "DiplomaRow",
    "FormChoices",
    "FrameworkItem",
    "FrameworkTree",
    "ItemInput",
    "ItemKind",
    "NotFound",
    "PermissionDenied",
    "SchoolYearInput",
    "SchoolYearRow",
    "ValidationError",
    "add_framework_item",
    "create_account",
    "create_apprentice",
    "create_class",
    "create_company",
    "create_diploma",
    "create_school_year",
    "deactivate_account",
    "delete_framework_item",
    "display_name",
    "form_choices",
    "framework_tree",
    "framework_trees",
    "get_centre",
    "list_accounts",
    "list_apprentices",
    "list_classes",
    "list_companies",
    "list_diplomas",
    "list_school_years",
    "move_framework_item",
    "reactivate_account",
    "reset_account_password",
    "set_class_trainers",
    "update_account",
    "update_apprentice",
    "update_centre",
    "update_class",
    "update_company",
    "update_diploma",
    "update_framework_item",
    "update_school_year",
]
