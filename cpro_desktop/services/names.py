"""Finding an apprentice (or anything named) from what a user typed on the command line:
case, accents and spacing ignored, and, when nothing matches, the close names a French
"introuvable" message suggests.

Each look-up keeps its own query (who may be found) and its own French messages; what it
shares is the matching, so that "AZZOUG Mina", "mina azzoug" and "AZZOUG Mina (1MELEC)"
find the same apprentice everywhere.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Generic, TypeVar

from cpro_desktop.services.activities.printing import normalise_name

T = TypeVar("T")


def close_names(wanted: str, candidates: dict[str, str]) -> list[str]:
    """Up to five display forms of the candidates close to `wanted` (`candidates` maps a
    normalised form to its display form), the ones containing it first."""
    key = normalise_name(wanted)
    close = [v for k, v in candidates.items() if key and key in k]
    close += [
        candidates[k] for k in difflib.get_close_matches(key, list(candidates), n=5, cutoff=0.5)
    ]
    return list(dict.fromkeys(close))[:5]


@dataclass(frozen=True)
class NamedApprentice(Generic[T]):
    """An apprentice a look-up may find; `item` is what the caller gets back."""

    item: T
    last_name: str
    first_name: str
    #: How he is shown, and a name he may be given by: "NOM Prénom (CLASSE)".
    label: str
    #: His INE, which finds him too (when the look-up allows it).
    national_id: str | None = None


def match_apprentices(
    wanted: str, candidates: Iterable[NamedApprentice[T]]
) -> tuple[list[T], list[str]]:
    """The items of the candidates that `wanted` names — "NOM Prénom", "Prénom NOM", the
    label or the INE, case, accents and spacing ignored — and, when none does, up to five
    labels close to it (for the "Noms proches" of the French message)."""
    key = normalise_name(wanted)
    shown: dict[str, str] = {}
    matches: list[T] = []
    for candidate in candidates:
        label = normalise_name(candidate.label)
        shown[label] = candidate.label
        forms = {
            normalise_name(f"{candidate.last_name} {candidate.first_name}"),
            normalise_name(f"{candidate.first_name} {candidate.last_name}"),
            label,
        }
        if candidate.national_id:
            forms.add(normalise_name(candidate.national_id))
        if key and key in forms:
            matches.append(candidate.item)
    return matches, ([] if matches else close_names(wanted, shown))
