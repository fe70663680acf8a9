"""Several lists in one statement: SELECTs of different shapes run as one UNION ALL.

A screen shows a header, a list of sheets, the framework's tasks…: read apart, each list
costs a round trip to the server. `TaggedUnion` runs them as one statement, on SQLite and
PostgreSQL alike: each part's rows are tagged with the part's number, and each value goes
in a column of its kind (integers, texts, dates, instants, booleans, reals), the other
columns NULL; `split()` gives every part its rows back as named tuples, sorted by the
part's key (a UNION ALL keeps no order of its own).

Every column keeps its type's conversions (instants come back timezone-aware, booleans as
booleans on SQLite too); enumerations travel as their values and come back as members.
"""

from __future__ import annotations

import enum
from collections import namedtuple
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any

from sqlalchemy import (
    Boolean,
    ColumnElement,
    Date,
    DateTime,
    Enum,
    Float,
    Integer,
    Numeric,
    Select,
    String,
    cast,
    literal_column,
    null,
    select,
    type_coerce,
    union_all,
)
from sqlalchemy.sql.selectable import CompoundSelect
from sqlalchemy.types import TypeEngine

from cpro_desktop.models.base import UTCDateTime

#: The kinds of columns, each with the type its values are read with.
_KINDS: dict[str, Callable[[], TypeEngine[Any]]] = {
    "i": Integer,
    "t": String,
    "d": Date,
    "s": UTCDateTime,
    "b": Boolean,
    "f": Float,
}

SortKey = Callable[[Any], Any]


def _kind(type_: TypeEngine[Any]) -> str:
    """The kind of column a value of `type_` travels in."""
    if isinstance(type_, UTCDateTime):
        return "s"
    if isinstance(type_, Boolean):
        return "b"
    if isinstance(type_, DateTime):
        raise TypeError("instants are UTCDateTime columns: a bare DateTime has no time zone")
    if isinstance(type_, Date):
        return "d"
    if isinstance(type_, Integer):
        return "i"
    if isinstance(type_, (Float, Numeric)):
        return "f"
    if isinstance(type_, String):  # Text and Enum included
        return "t"
    raise TypeError(f"no column kind for {type_!r}: give the expression a type")


def nulls_last(*values: Any) -> tuple[tuple[bool, Any], ...]:
    """A sort key on `values` where None sorts after everything (as PostgreSQL's ASC)."""
    return tuple((value is None, value) for value in values)


class TaggedUnion:
    """Named SELECTs as one UNION ALL statement (see the module).

    `parts` maps a name to a SELECT whose columns have distinct names (labels); `order`
    gives some parts a sort key on their row (None values of outer joins included).
    """

    def __init__(
        self, parts: Mapping[str, Select[Any]], order: Mapping[str, SortKey] | None = None
    ) -> None:
        self.names = tuple(parts)
        self.order = dict(order or {})
        shapes: list[tuple[str, list[tuple[str, str, type[enum.Enum] | None]]]] = []
        width = dict.fromkeys(_KINDS, 0)
        for name, part in parts.items():
            keys = list(part.selected_columns.keys())
            if len(set(keys)) != len(keys):
                raise ValueError(f"part {name}: its columns need distinct labels ({keys})")
            used = dict.fromkeys(_KINDS, 0)
            columns = []
            for key, column in zip(keys, part.selected_columns, strict=True):
                kind = _kind(column.type)
                members = column.type.enum_class if isinstance(column.type, Enum) else None
                columns.append((key, f"{kind}{used[kind]}", members))
                used[kind] += 1
            width = {kind: max(width[kind], used[kind]) for kind in _KINDS}
            shapes.append((name, columns))
        self.slots = [f"{kind}{n}" for kind in _KINDS for n in range(width[kind])]
        position = {slot: index + 1 for index, slot in enumerate(self.slots)}
        self._rows = {
            number: (
                name,
                namedtuple(f"{name.title()}Row", [key for key, _, _ in columns]),
                [position[slot] for _, slot, _ in columns],
                [(i, members) for i, (_, _, members) in enumerate(columns) if members],
            )
            for number, (name, columns) in enumerate(shapes)
        }
        selects = []
        for number, ((name, columns), part) in enumerate(zip(shapes, parts.values(), strict=True)):
            inner = part if part._limit_clause is not None else part.order_by(None)
            sub = inner.subquery(f"part_{name}")
            placed: dict[str, ColumnElement[Any]] = {
                slot: type_coerce(sub.c[key], _KINDS[slot[0]]()) for key, slot, _ in columns
            }
            selects.append(
                select(
                    literal_column(str(number), Integer).label("part"),
                    *(
                        placed.get(slot, cast(null(), _KINDS[slot[0]]())).label(slot)
                        for slot in self.slots
                    ),
                )
            )
        self.statement: CompoundSelect | Select[Any] = (
            union_all(*selects) if len(selects) > 1 else selects[0]
        )

    def split(self, rows: Iterable[Sequence[Any]]) -> dict[str, list[Any]]:
        """Each part's rows (named tuples of its columns), sorted by the part's key."""
        found: dict[str, list[Any]] = {name: [] for name in self.names}
        for row in rows:
            name, make, positions, enums = self._rows[row[0]]
            values = [row[p] for p in positions]
            for index, members in enums:
                if values[index] is not None:
                    values[index] = members(values[index])
            found[name].append(make._make(values))
        for name, key in self.order.items():
            found[name].sort(key=key)
        return found


def first(rows: Sequence[Any]) -> Any | None:
    """The one row of a part that has at most one (None if it has none)."""
    return rows[0] if rows else None
