"""What the printed logbook receives, and finding a portfolio by names for the command
line (close matches when a name is wrong) — on every backend."""

from __future__ import annotations

import pytest

from cpro_desktop.services import activities as act
from cpro_desktop.store import NotFound, PermissionDenied, Store
from tests.services.activities_helpers import demo_actor


def test_print_snapshot_holds_the_whole_logbook(demo_store: Store) -> None:
    """The print snapshot of Mina's last period has the people, the plan, every sheet with
    texts, links, comments and attachment list, and the centre's name."""
    trainer = demo_actor(demo_store, "formateur")
    entry = act.find_portfolio(demo_store, trainer, "AZZOUG Mina", "Test annexe 1MELEC")
    printed = act.logbook_print_snapshot(demo_store, trainer, entry.id)
    assert printed.centre_name.startswith("CFA CPRO Démo")
    assert (printed.apprentice_name, printed.class_name) == ("AZZOUG Mina", "1MELEC")
    assert printed.period_label == "Test annexe 1MELEC [du 03/07/2023 au 23/07/2023]"
    assert printed.company is not None and printed.company.city == "Montreuil"
    assert printed.tutor is not None and printed.tutor.name == "LEFEBVRE Thomas"
    assert printed.referent is not None and printed.referent.name == "DURAND Sophie"
    assert [t.code for t in printed.plan.planned_tasks] == ["T2.3", "T3.1", "T3.2"]
    assert printed.logbook.presentation.startswith("Entreprise de 14 salariés")
    assert [a.url for a in printed.logbook_attachments] == ["https://www.example.fr/eg-dupont"]
    assert [s.label for s in printed.sheets] == [
        f"Fiche activité : semaine {w} [2023] [dernière modification le : 04/07/2023]"
        for w in (27, 28, 29)
    ]
    week28 = printed.sheets[1]
    assert week28.texts.title == "Remplacement d'un interrupteur différentiel"
    assert [t.code for t in week28.tasks] == ["T3.2"]
    assert [c.code for c in week28.competences] == ["C9", "C11"]
    assert [c.code for c in week28.criteria] == ["C9.1", "C11.1"]
    assert [(c.author_name, c.body) for c in week28.comments] == [
        ("LEFEBVRE Thomas", "Consignation parfaite, bravo Mina.")
    ]
    assert [(a.name, a.size_label != "", a.url) for a in week28.attachments] == [
        ("schéma_tableau.pdf", True, None),
        (
            "Fiche technique de l'interrupteur différentiel",
            False,
            "https://www.example.fr/fiches/interrupteur-differentiel-40A-30mA.pdf",
        ),
    ]


def test_find_portfolio_ignores_case_and_accents_and_name_order(demo_store: Store) -> None:
    """ "azzoug mina", "Mina AZZOUG" and "TEST ANNEXE 1melec" find the same portfolio."""
    trainer = demo_actor(demo_store, "formateur")
    found = {
        act.find_portfolio(demo_store, trainer, name, period).id
        for name, period in (
            ("AZZOUG Mina", "Test annexe 1MELEC"),
            ("azzoug  mina", "TEST ANNEXE 1melec"),
            ("Mina Azzoug", "test annexe 1MELEC"),
        )
    }
    assert len(found) == 1
    assert act.find_portfolio(demo_store, trainer, "nguyen thi anh", "PFMP1 - 1er BCP").label == (
        "NGUYỄN Thị Ánh (1MELEC) [1 fiche complétée]"
    )


def test_find_portfolio_names_close_matches(demo_store: Store) -> None:
    """An unknown apprentice or period raises NotFound listing the close names in French."""
    trainer = demo_actor(demo_store, "formateur")
    with pytest.raises(NotFound, match=r"Apprenti introuvable : « AZOUG Mina »\..*AZZOUG Mina"):
        act.find_portfolio(demo_store, trainer, "AZOUG Mina", "Test annexe 1MELEC")
    with pytest.raises(NotFound, match=r"Période introuvable pour AZZOUG Mina.*Test annexe 1MELEC"):
        act.find_portfolio(demo_store, trainer, "AZZOUG Mina", "Test anexe")


def test_find_portfolio_and_printing_respect_permissions(demo_store: Store) -> None:
    """Another tutor does not find Mina at all, and cannot print her logbook."""
    trainer = demo_actor(demo_store, "formateur")
    other_tutor = demo_actor(demo_store, "tuteur2")
    entry = act.find_portfolio(demo_store, trainer, "AZZOUG Mina", "Test annexe 1MELEC")
    with pytest.raises(NotFound, match="Apprenti introuvable"):
        act.find_portfolio(demo_store, other_tutor, "AZZOUG Mina", "Test annexe 1MELEC")
    with pytest.raises(PermissionDenied):
        act.logbook_print_snapshot(demo_store, other_tutor, entry.id)
    with pytest.raises(PermissionDenied):
        act.logbook_print_snapshot(demo_store, demo_actor(demo_store, "parent"), entry.id)
