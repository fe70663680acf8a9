"""Finding an apprentice from what a user typed: the matching the print and export look-ups
share (their queries and French messages are tested with them)."""

from __future__ import annotations

from cpro_desktop.services.names import NamedApprentice, close_names, match_apprentices

CANDIDATES = (
    NamedApprentice(1, "AZZOUG", "Mina", "AZZOUG Mina (1MELEC)", "070123456AB"),
    NamedApprentice(2, "PETIT", "Nathan", "PETIT Nathan (1BTS)"),
    NamedApprentice(3, "PETIT", "Nathan", "PETIT Nathan (2MELEC)"),
    NamedApprentice(4, "NGUYỄN", "Thị Lan", "NGUYỄN Thị Lan"),
)


def test_an_apprentice_is_found_by_either_name_order_his_label_or_his_ine() -> None:
    """ "NOM Prénom", "Prénom NOM", the label and the INE all name him, whatever the case,
    accents and spacing."""
    for wanted in (
        "AZZOUG Mina",
        "mina   azzoug",
        "Azzoug Mina (1melec)",
        "070123456ab",
        "nguyen thi lan",
    ):
        matches, close = match_apprentices(wanted, CANDIDATES)
        assert len(matches) == 1, wanted
        assert close == []


def test_a_shared_name_gives_every_candidate_and_a_label_tells_them_apart() -> None:
    """Two apprentices with the same name both match; the label with the class picks one."""
    assert match_apprentices("Petit Nathan", CANDIDATES) == ([2, 3], [])
    assert match_apprentices("PETIT Nathan (2MELEC)", CANDIDATES) == ([3], [])


def test_no_match_suggests_close_labels_and_never_a_partial_name() -> None:
    """A misspelt name matches no one and suggests the close labels; a bare first name is
    not a match, but the labels containing it are suggested first."""
    matches, close = match_apprentices("Azoug Mina", CANDIDATES)
    assert matches == [] and close == ["AZZOUG Mina (1MELEC)"]
    matches, close = match_apprentices("Nathan", CANDIDATES)
    assert matches == []
    assert close[:2] == ["PETIT Nathan (1BTS)", "PETIT Nathan (2MELEC)"]


def test_an_empty_query_matches_no_one() -> None:
    """Blank input names nobody (not even an apprentice who has no INE)."""
    assert match_apprentices("  ", CANDIDATES)[0] == []


def test_close_names_puts_containing_names_first_and_keeps_five() -> None:
    """The candidates containing the query come before the merely similar ones; at most
    five, without repeats."""
    names = {f"classe {i}": f"Classe {i}" for i in range(8)}
    names["1melec"] = "1MELEC"
    assert close_names("1MELC", names)[0] == "1MELEC"
    assert len(close_names("classe", names)) == 5
