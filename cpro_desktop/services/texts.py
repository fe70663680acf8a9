"""The one rule for what a user types: not longer than its column allows, and no invisible
control character.

Every service checks its texts here before writing anything, so that a refused text leaves
the store as it was and the message is the same French sentence on SQLite and PostgreSQL.
The limits come from `models/limits.py`, where the database's CHECK constraints come from
too. Tabs and line breaks (\\t, \\n, \\r) are text; the other C0 control characters
(U+0000 to U+001F) are refused: pasted from another program, they are invisible on screen,
break the PDF documents, and PostgreSQL refuses U+0000 where SQLite would keep it (the
store's engine refuses NUL too, as a last wall).
"""

from __future__ import annotations

import re
from typing import Any

from cpro_desktop.models.limits import text_limit
from cpro_desktop.store.errors import ValidationError

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def _number(value: int) -> str:
    """20000 → "20 000", as French writes it."""
    return f"{value:,}".replace(",", " ")


def text_problem(value: str, limit: int, label: str) -> str | None:
    """Why `value` may not be saved as « label » (French, fit for a form as for a line of
    an import's report), or None if it may."""
    if len(value) > limit:
        return (
            f"« {label} » dépasse {_number(limit)} caractères ({_number(len(value))} saisis) : "
            "raccourcissez ce texte."
        )
    found = _CONTROL.search(value)
    if found:
        kind = "nul" if found.group() == "\x00" else "de contrôle"
        return (
            f"« {label} » contient un caractère {kind} invisible "
            f"(U+{ord(found.group()):04X}), souvent collé depuis un autre logiciel : "
            "retirez-le."
        )
    return None


def check_length(field: str, value: str, limit: int, label: str) -> str:
    """`value` unchanged if it fits `limit` characters and holds no control character;
    otherwise `ValidationError(field, French message)`."""
    problem = text_problem(value, limit, label)
    if problem is not None:
        raise ValidationError(field, problem)
    return value


def check_text(column: Any, value: str, label: str, *, field: str | None = None) -> str:
    """`check_length` with the limit of a mapped column (`m.CompetenceReview.findings`);
    the field is the column's name unless given."""
    expression = getattr(column, "expression", column)
    return check_length(field or expression.name, value, text_limit(column), label)
