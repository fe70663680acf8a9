"""The administrator's set-up services: permission, validation, conflicts, history kept,
framework editing, and a new school year set up from an empty store."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest
from sqlalchemy import func, select

from cpro_desktop import models as m
from cpro_desktop.models.enums import Role
from cpro_desktop.services import admin
from cpro_desktop.services.admin import (
    AccountInput,
    ApprenticeInput,
    CentreInput,
    ClassInput,
    CompanyInput,
    DiplomaInput,
    ItemInput,
    ItemKind,
    SchoolYearInput,
)
from cpro_desktop.services.auth import authenticate, create_first_admin
from cpro_desktop.services.directory import visible_directory
from cpro_desktop.services.permissions import Actor
from cpro_desktop.store import (
    ConflictError,
    NotFound,
    PermissionDenied,
    Store,
    ValidationError,
)

PASSWORD = "cpro-demo"


def actor(store: Store, login: str) -> Actor:
    return authenticate(store, login, PASSWORD)


def scalar(store: Store, stmt):
    with store.read() as session:
        return session.scalar(stmt)


def account_row(store: Store, admin_actor: Actor, login: str) -> admin.AccountRow:
    return next(a for a in admin.list_accounts(store, admin_actor) if a.login == login)


def apprentice_row(store: Store, admin_actor: Actor, last_name: str) -> admin.ApprenticeRow:
    return next(a for a in admin.list_apprentices(store, admin_actor) if a.last_name == last_name)


def class_row(store: Store, admin_actor: Actor, name: str) -> admin.ClassRow:
    return next(c for c in admin.list_classes(store, admin_actor) if c.name == name)


def melec_tree(store: Store, admin_actor: Actor) -> admin.FrameworkTree:
    return next(
        t for t in admin.framework_trees(store, admin_actor) if t.diploma.code == "BACPRO-MELEC"
    )


def every_admin_call(store: Store) -> dict[str, Callable[[Actor], object]]:
    """One call of each administration service, with valid-looking arguments."""
    with store.read() as session:
        account = session.scalar(select(m.Account).where(m.Account.login == "formateur"))
        year = session.scalar(select(m.SchoolYear).limit(1))
        school_class = session.scalar(select(m.SchoolClass).limit(1))
        company = session.scalar(select(m.Company).limit(1))
        apprentice = session.scalar(select(m.Apprentice).limit(1))
        diploma = session.scalar(select(m.Diploma).limit(1))
        framework = session.scalar(select(m.Framework).limit(1))
        competence = session.scalar(select(m.Competence).limit(1))
    person = AccountInput("nouveau", "NOUVEAU", "Compte", Role.TRAINER)
    year_input = SchoolYearInput("2030-2031", date(2030, 9, 1), date(2031, 8, 31))
    class_input = ClassInput("Nouvelle", "", 1, diploma.id, year.id)
    item = ItemInput("X1", "Nouvel élément")
    return {
        "list_accounts": lambda a: admin.list_accounts(store, a),
        "create_account": lambda a: admin.create_account(store, a, person, "un-mot-de-passe"),
        "update_account": lambda a: admin.update_account(
            store, a, account.id, account.version, person
        ),
        "deactivate_account": lambda a: admin.deactivate_account(
            store, a, account.id, account.version
        ),
        "reactivate_account": lambda a: admin.reactivate_account(
            store, a, account.id, account.version
        ),
        "reset_account_password": lambda a: admin.reset_account_password(
            store, a, account.id, "un-mot-de-passe"
        ),
        "list_school_years": lambda a: admin.list_school_years(store, a),
        "create_school_year": lambda a: admin.create_school_year(store, a, year_input),
        "update_school_year": lambda a: admin.update_school_year(store, a, year.id, 0, year_input),
        "list_classes": lambda a: admin.list_classes(store, a),
        "create_class": lambda a: admin.create_class(store, a, class_input),
        "update_class": lambda a: admin.update_class(
            store, a, school_class.id, school_class.version, class_input
        ),
        "set_class_trainers": lambda a: admin.set_class_trainers(
            store, a, school_class.id, school_class.version, ()
        ),
        "list_companies": lambda a: admin.list_companies(store, a),
        "create_company": lambda a: admin.create_company(store, a, CompanyInput("Nouvelle")),
        "update_company": lambda a: admin.update_company(
            store, a, company.id, company.version, CompanyInput("Nouvelle")
        ),
        "list_apprentices": lambda a: admin.list_apprentices(store, a),
        "create_apprentice": lambda a: admin.create_apprentice(
            store, a, ApprenticeInput("NOUVEL", "Apprenti")
        ),
        "update_apprentice": lambda a: admin.update_apprentice(
            store, a, apprentice.id, apprentice.version, ApprenticeInput("NOUVEL", "Apprenti")
        ),
        "list_diplomas": lambda a: admin.list_diplomas(store, a),
        "create_diploma": lambda a: admin.create_diploma(store, a, DiplomaInput("X", "X")),
        "update_diploma": lambda a: admin.update_diploma(
            store, a, diploma.id, diploma.version, DiplomaInput("X", "X")
        ),
        "framework_trees": lambda a: admin.framework_trees(store, a),
        "framework_tree": lambda a: admin.framework_tree(store, a, diploma.id),
        "add_framework_item": lambda a: admin.add_framework_item(
            store, a, ItemKind.UNIT, framework.id, item
        ),
        "update_framework_item": lambda a: admin.update_framework_item(
            store, a, ItemKind.COMPETENCE, competence.id, competence.version, item
        ),
        "delete_framework_item": lambda a: admin.delete_framework_item(
            store, a, ItemKind.COMPETENCE, competence.id, competence.version
        ),
        "move_framework_item": lambda a: admin.move_framework_item(
            store, a, ItemKind.COMPETENCE, competence.id, 1
        ),
        "get_centre": lambda a: admin.get_centre(store, a),
        "update_centre": lambda a: admin.update_centre(store, a, 1, CentreInput("X")),
        "form_choices": lambda a: admin.form_choices(store, a),
    }


EXPECTED_CALLS = {
    "list_accounts",
    "create_account",
    "update_account",
    "deactivate_account",
    "reactivate_account",
    "reset_account_password",
    "list_school_years",
    "create_school_year",
    "update_school_year",
    "list_classes",
    "create_class",
    "update_class",
    "set_class_trainers",
    "list_companies",
    "create_company",
    "update_company",
    "list_apprentices",
    "create_apprentice",
    "update_apprentice",
    "list_diplomas",
    "create_diploma",
    "update_diploma",
    "framework_trees",
    "framework_tree",
    "add_framework_item",
    "update_framework_item",
    "delete_framework_item",
    "move_framework_item",
    "get_centre",
    "update_centre",
    "form_choices",
}


def test_every_public_service_is_in_the_permission_test() -> None:
    """The permission test below calls every public function of the admin services."""
    public = {
        name
        for name, value in vars(admin).items()
        if callable(value)
        and not isinstance(value, type)
        and getattr(value, "__module__", "").startswith(f"{admin.__name__}.")
        and not name.startswith("_")
    }
    assert public - {"display_name"} == EXPECTED_CALLS


@pytest.mark.parametrize("login", ["tuteur", "formateur", "apprenti", "parent"])
def test_every_admin_service_refuses_a_non_admin(demo_store: Store, login: str) -> None:
    """Tutor, trainer, apprentice and guardian get PermissionDenied from every service."""
    calls = every_admin_call(demo_store)
    assert set(calls) == EXPECTED_CALLS
    someone = actor(demo_store, login)
    allowed = []
    for name, call in calls.items():
        try:
            call(someone)
        except PermissionDenied:
            continue
        allowed.append(name)
    assert allowed == []
    assert scalar(demo_store, select(m.Account.id).where(m.Account.login == "nouveau")) is None


def test_a_deactivated_admin_loses_every_right(demo_store: Store) -> None:
    """An administrator deactivated by another is refused on his next call."""
    boss = actor(demo_store, "admin")
    second = admin.create_account(
        demo_store,
        boss,
        AccountInput("admin2", "BLANC", "Paul", Role.ADMIN),
        "un-mot-de-passe",
    )
    admin.deactivate_account(demo_store, boss, second.id, second.version)
    with pytest.raises(PermissionDenied):
        admin.list_accounts(demo_store, Actor(second.id, Role.ADMIN, "admin2"))


# -- validation ---------------------------------------------------------------------------


def validation_cases(store: Store, boss: Actor) -> dict[str, tuple[Callable[[], object], str]]:
    choices = admin.form_choices(store, boss)
    year = choices.school_years[0].id
    diploma = choices.diplomas[0].id
    tutor = account_row(store, boss, "tuteur")
    trainer = account_row(store, boss, "formateur")
    mina = apprentice_row(store, boss, "AZZOUG")
    one_melec = class_row(store, boss, "1MELEC")
    company = next(c for c in admin.list_companies(store, boss) if c.siret)
    return {
        "empty last name": (
            lambda: admin.create_account(
                store, boss, AccountInput("x", " ", "Y", Role.TRAINER), "un-mot-de-passe"
            ),
            "last_name",
        ),
        "short password": (
            lambda: admin.create_account(
                store, boss, AccountInput("x", "X", "Y", Role.TRAINER), "court"
            ),
            "password",
        ),
        "tutor without company": (
            lambda: admin.create_account(
                store, boss, AccountInput("x", "X", "Y", Role.TUTOR), "un-mot-de-passe"
            ),
            "company_id",
        ),
        "bad email": (
            lambda: admin.create_account(
                store,
                boss,
                AccountInput("x", "X", "Y", Role.TRAINER, email="pas-une-adresse"),
                "un-mot-de-passe",
            ),
            "email",
        ),
        "year label": (
            lambda: admin.create_school_year(
                store, boss, SchoolYearInput("2024", date(2024, 9, 1), date(2025, 8, 31))
            ),
            "label",
        ),
        "end before start": (
            lambda: admin.create_school_year(
                store, boss, SchoolYearInput("2024-2025", date(2025, 9, 1), date(2024, 8, 31))
            ),
            "end_date",
        ),
        "duplicate year": (
            lambda: admin.create_school_year(
                store, boss, SchoolYearInput("2022-2023", date(2022, 9, 1), date(2023, 8, 31))
            ),
            "label",
        ),
        "empty class name": (
            lambda: admin.create_class(store, boss, ClassInput("", "", 1, diploma, year)),
            "name",
        ),
        "class without diploma": (
            lambda: admin.create_class(store, boss, ClassInput("Nouvelle", "", 1, None, year)),
            "diploma_id",
        ),
        "training year": (
            lambda: admin.create_class(store, boss, ClassInput("Nouvelle", "", 4, diploma, year)),
            "training_year",
        ),
        "duplicate class in the year": (
            lambda: admin.create_class(
                store,
                boss,
                ClassInput("1MELEC", "", 1, one_melec.diploma_id, one_melec.school_year_id),
            ),
            "name",
        ),
        "a tutor cannot teach": (
            lambda: admin.set_class_trainers(
                store, boss, one_melec.id, one_melec.version, (tutor.id,)
            ),
            "trainer_ids",
        ),
        "siret": (
            lambda: admin.create_company(store, boss, CompanyInput("X", siret="123")),
            "siret",
        ),
        "duplicate siret": (
            lambda: admin.create_company(store, boss, CompanyInput("X", siret=company.siret)),
            "siret",
        ),
        "latitude alone": (
            lambda: admin.create_company(store, boss, CompanyInput("X", latitude=48.0)),
            "longitude",
        ),
        "latitude range": (
            lambda: admin.create_company(
                store, boss, CompanyInput("X", latitude=95.0, longitude=2.0)
            ),
            "latitude",
        ),
        "tutor must be a tutor": (
            lambda: admin.create_apprentice(
                store, boss, ApprenticeInput("X", "Y", tutor_id=trainer.id)
            ),
            "tutor_id",
        ),
        "referent must teach": (
            lambda: admin.create_apprentice(
                store, boss, ApprenticeInput("X", "Y", referent_trainer_id=tutor.id)
            ),
            "referent_trainer_id",
        ),
        "duplicate national id": (
            lambda: admin.create_apprentice(
                store, boss, ApprenticeInput("X", "Y", national_id=mina.national_id.lower())
            ),
            "national_id",
        ),
        "empty first name": (
            lambda: admin.update_apprentice(
                store,
                boss,
                mina.id,
                mina.version,
                ApprenticeInput("AZZOUG", "", school_class_id=mina.school_class_id),
            ),
            "first_name",
        ),
        "own account taken": (
            lambda: admin.create_apprentice(
                store, boss, ApprenticeInput("X", "Y", account_id=mina.account_id)
            ),
            "account_id",
        ),
        "duplicate diploma code": (
            lambda: admin.create_diploma(store, boss, DiplomaInput("BACPRO-MELEC", "Doublon")),
            "code",
        ),
        "uai": (
            lambda: admin.update_centre(
                store,
                boss,
                admin.get_centre(store, boss).version,
                CentreInput("Centre", uai_code="12"),
            ),
            "uai_code",
        ),
        "empty centre name": (
            lambda: admin.update_centre(
                store, boss, admin.get_centre(store, boss).version, CentreInput("")
            ),
            "name",
        ),
    }


CASES = [
    "empty last name",
    "short password",
    "tutor without company",
    "bad email",
    "year label",
    "end before start",
    "duplicate year",
    "empty class name",
    "class without diploma",
    "training year",
    "duplicate class in the year",
    "a tutor cannot teach",
    "siret",
    "duplicate siret",
    "latitude alone",
    "latitude range",
    "tutor must be a tutor",
    "referent must teach",
    "duplicate national id",
    "empty first name",
    "own account taken",
    "duplicate diploma code",
    "uai",
    "empty centre name",
]


def test_validation_errors_name_the_field(demo_store: Store) -> None:
    """Each invalid input is refused with the offending field and a French message."""
    boss = actor(demo_store, "admin")
    cases = validation_cases(demo_store, boss)
    assert sorted(cases) == sorted(CASES)
    fields = {}
    for name, (call, _field) in cases.items():
        with pytest.raises(ValidationError) as raised:
            call()
        fields[name] = raised.value.field
        assert str(raised.value).strip(), name
    assert fields == {name: field for name, (_call, field) in cases.items()}


def test_duplicate_login_is_refused_whatever_the_case(demo_store: Store) -> None:
    """A login already taken, in any letter case, is refused on the login field."""
    boss = actor(demo_store, "admin")
    with pytest.raises(ValidationError, match="déjà pris") as raised:
        admin.create_account(
            demo_store, boss, AccountInput("Tuteur", "X", "Y", Role.TRAINER), "un-mot-de-passe"
        )
    assert raised.value.field == "login"
    other = account_row(demo_store, boss, "formateur2")
    with pytest.raises(ValidationError) as raised:
        admin.update_account(
            demo_store,
            boss,
            other.id,
            other.version,
            AccountInput("formateur", other.last_name, other.first_name, other.role),
        )
    assert raised.value.field == "login"


def test_a_constraint_the_checks_missed_becomes_a_french_validation_error(
    demo_store: Store,
) -> None:
    """A unique violation from the database (a race) is reported on the right field."""
    from sqlalchemy.exc import IntegrityError

    with pytest.raises(IntegrityError) as raised, demo_store.write() as session:
        session.add(m.Account(login="tuteur", role=Role.TRAINER, last_name="X", first_name="Y"))
        session.flush()
    error = admin._translate_integrity(raised.value)
    assert error.field == "login" and "identifiant" in str(error).lower()


# -- accounts -----------------------------------------------------------------------------


def test_a_created_account_signs_in_with_its_hashed_password(demo_store: Store) -> None:
    """The initial password is stored hashed and lets the new account sign in."""
    boss = actor(demo_store, "admin")
    row = admin.create_account(
        demo_store,
        boss,
        AccountInput(" nouveau.formateur ", "petit", "Anne", Role.TRAINER, email="a@b.fr"),
        "mot-de-passe-initial",
    )
    assert row.login == "nouveau.formateur" and row.is_active and row.role == Role.TRAINER
    stored = scalar(demo_store, select(m.Account.password_hash).where(m.Account.id == row.id))
    assert stored and "mot-de-passe-initial" not in stored
    assert authenticate(demo_store, "nouveau.formateur", "mot-de-passe-initial").role == (
        Role.TRAINER
    )
    admin.reset_account_password(demo_store, boss, row.id, "un-autre-secret")
    assert authenticate(demo_store, "nouveau.formateur", "un-autre-secret").account_id == row.id


def test_accounts_list_tutors_company_and_trainers_classes(demo_store: Store) -> None:
    """The list shows a tutor's company and the classes a trainer teaches."""
    boss = actor(demo_store, "admin")
    tutor = account_row(demo_store, boss, "tuteur")
    trainer = account_row(demo_store, boss, "formateur")
    assert tutor.company_name == "Électricité Générale Dupont"
    assert set(trainer.class_names) == {"1MELEC", "Terminale Bac Pro"}


def test_stale_update_of_an_account_is_a_conflict(demo_store: Store) -> None:
    """Saving from a version read before someone else's save raises ConflictError."""
    boss = actor(demo_store, "admin")
    read = account_row(demo_store, boss, "formateur")
    data = AccountInput(read.login, read.last_name, "Sophie-Anne", read.role, email=read.email)
    saved = admin.update_account(demo_store, boss, read.id, read.version, data)
    assert saved.first_name == "Sophie-Anne" and saved.version == read.version + 1
    with pytest.raises(ConflictError):
        admin.update_account(
            demo_store, boss, read.id, read.version, AccountInput(read.login, "X", "Y", read.role)
        )
    assert account_row(demo_store, boss, "formateur").first_name == "Sophie-Anne"


def test_deactivating_keeps_the_accounts_writing(demo_store: Store) -> None:
    """A deactivated tutor cannot sign in, but his reviews and comments keep him as author."""
    boss = actor(demo_store, "admin")
    tutor = account_row(demo_store, boss, "tuteur")
    reviews_before = scalar(
        demo_store,
        select(func.count(m.CompetenceReview.id)).where(m.CompetenceReview.author_id == tutor.id),
    )
    comments_before = scalar(
        demo_store, select(func.count(m.Comment.id)).where(m.Comment.author_id == tutor.id)
    )
    assert reviews_before > 0
    row = admin.deactivate_account(demo_store, boss, tutor.id, tutor.version)
    assert not row.is_active
    with pytest.raises(Exception, match="incorrect"):
        authenticate(demo_store, "tuteur", PASSWORD)
    assert scalar(demo_store, select(m.Account.id).where(m.Account.id == tutor.id)) == tutor.id
    assert (
        scalar(
            demo_store,
            select(func.count(m.CompetenceReview.id)).where(
                m.CompetenceReview.author_id == tutor.id
            ),
        )
        == reviews_before
    )
    assert (
        scalar(demo_store, select(func.count(m.Comment.id)).where(m.Comment.author_id == tutor.id))
        == comments_before
    )
    assert apprentice_row(demo_store, boss, "AZZOUG").tutor_id == tutor.id
    back = admin.reactivate_account(demo_store, boss, row.id, row.version)
    assert back.is_active and authenticate(demo_store, "tuteur", PASSWORD)


def test_admin_cannot_deactivate_nor_demote_himself(demo_store: Store) -> None:
    """An administrator cannot deactivate his own account nor drop his own admin role;
    another administrator can deactivate him."""
    boss = actor(demo_store, "admin")
    me = account_row(demo_store, boss, "admin")
    with pytest.raises(ValidationError, match="propre compte"):
        admin.deactivate_account(demo_store, boss, me.id, me.version)
    with pytest.raises(ValidationError, match="propre rôle"):
        admin.update_account(
            demo_store,
            boss,
            me.id,
            me.version,
            AccountInput(me.login, me.last_name, me.first_name, Role.TRAINER),
        )
    second = admin.create_account(
        demo_store, boss, AccountInput("admin2", "BLANC", "Paul", Role.ADMIN), "un-mot-de-passe"
    )
    other = Actor(second.id, Role.ADMIN, "admin2")
    assert not admin.deactivate_account(demo_store, other, me.id, me.version).is_active
    with pytest.raises(PermissionDenied):
        admin.list_accounts(demo_store, boss)


def test_role_change_of_a_tutor_with_apprentices_is_refused(demo_store: Store) -> None:
    """A tutor who tutors apprentices cannot become a trainer before they change tutor."""
    boss = actor(demo_store, "admin")
    tutor = account_row(demo_store, boss, "tuteur")
    with pytest.raises(ValidationError, match="maître d'apprentissage de") as raised:
        admin.update_account(
            demo_store,
            boss,
            tutor.id,
            tutor.version,
            AccountInput(tutor.login, tutor.last_name, tutor.first_name, Role.TRAINER),
        )
    assert raised.value.field == "role"


# -- school years, classes, companies -------------------------------------------------------


def test_stale_school_year_update_is_a_conflict(demo_store: Store) -> None:
    """School years have no version column, yet a stale save is still a conflict."""
    boss = actor(demo_store, "admin")
    year = next(y for y in admin.list_school_years(demo_store, boss) if y.label == "2023-2024")
    assert year.class_count == 1
    changed = admin.update_school_year(
        demo_store,
        boss,
        year.id,
        year.version,
        SchoolYearInput("2023-2024", date(2023, 9, 4), date(2024, 7, 5)),
    )
    assert changed.start_date == date(2023, 9, 4) and changed.version != year.version
    with pytest.raises(ConflictError):
        admin.update_school_year(
            demo_store,
            boss,
            year.id,
            year.version,
            SchoolYearInput("2023-2024", date(2023, 9, 1), date(2024, 8, 31)),
        )


def test_class_list_counts_apprentices_and_names_trainers(demo_store: Store) -> None:
    """Each class shows its diploma, school year, trainers and number of apprentices."""
    boss = actor(demo_store, "admin")
    rows = {c.name: c for c in admin.list_classes(demo_store, boss)}
    assert rows["1MELEC"].apprentice_count == 5
    assert rows["1MELEC"].diploma_name == "Bac Pro MELEC"
    assert rows["1MELEC"].school_year_label == "2022-2023"
    assert rows["Terminale Bac Pro"].trainer_names == ("DURAND Sophie", "MARTIN Julien")


def test_setting_trainers_moves_the_class_version(demo_store: Store) -> None:
    """Changing only the trainers bumps the version: a stale save of the class conflicts."""
    boss = actor(demo_store, "admin")
    read = class_row(demo_store, boss, "1MELEC")
    trainer2 = account_row(demo_store, boss, "formateur2")
    the_admin = account_row(demo_store, boss, "admin")
    saved = admin.set_class_trainers(
        demo_store, boss, read.id, read.version, (*read.trainer_ids, trainer2.id, the_admin.id)
    )
    assert set(saved.trainer_ids) == {*read.trainer_ids, trainer2.id, the_admin.id}
    assert saved.version == read.version + 1
    with pytest.raises(ConflictError):
        admin.update_class(
            demo_store,
            boss,
            read.id,
            read.version,
            ClassInput("1MELEC bis", "", 2, read.diploma_id, read.school_year_id),
        )


def test_stale_company_update_is_a_conflict(demo_store: Store) -> None:
    """Two saves of a company from the same read: the second is a conflict."""
    boss = actor(demo_store, "admin")
    company = next(c for c in admin.list_companies(demo_store, boss) if c.siret)
    assert company.tutor_count >= 1
    data = CompanyInput(company.name, company.siret, city="Paris", latitude=48.8, longitude=2.3)
    admin.update_company(demo_store, boss, company.id, company.version, data)
    with pytest.raises(ConflictError):
        admin.update_company(demo_store, boss, company.id, company.version, data)


def test_unknown_rows_are_not_found(demo_store: Store) -> None:
    """Updating a row that does not exist says so."""
    boss = actor(demo_store, "admin")
    with pytest.raises(NotFound):
        admin.update_company(demo_store, boss, 987654, 1, CompanyInput("X"))


# -- apprentices --------------------------------------------------------------------------


def history_of(store: Store, apprentice_id: int) -> dict[str, int]:
    counted = {
        "portfolios": m.Portfolio,
        "reviews": m.CompetenceReview,
        "grids": m.RatingGrid,
        "task logs": m.TaskLog,
    }
    with store.read() as session:
        result = {
            name: session.scalar(
                select(func.count(model.id)).where(model.apprentice_id == apprentice_id)
            )
            for name, model in counted.items()
        }
        result["sheets"] = session.scalar(
            select(func.count(m.ActivitySheet.id))
            .join(m.Portfolio, m.Portfolio.id == m.ActivitySheet.portfolio_id)
            .where(m.Portfolio.apprentice_id == apprentice_id)
        )
        result["booklets"] = session.scalar(
            select(func.count(m.Booklet.id)).where(m.Booklet.apprentice_id == apprentice_id)
        )
    return result


def test_moving_an_apprentice_keeps_his_history(demo_store: Store) -> None:
    """AZZOUG Mina moved to Terminale keeps every portfolio, sheet, rating and review."""
    boss = actor(demo_store, "admin")
    mina = apprentice_row(demo_store, boss, "AZZOUG")
    before = history_of(demo_store, mina.id)
    assert before["portfolios"] > 0 and before["reviews"] > 0 and before["grids"] > 0
    terminale = class_row(demo_store, boss, "Terminale Bac Pro")
    moved = admin.update_apprentice(
        demo_store,
        boss,
        mina.id,
        mina.version,
        ApprenticeInput(
            mina.last_name,
            mina.first_name,
            mina.birth_date,
            mina.national_id,
            mina.email,
            mina.phone,
            mina.address,
            terminale.id,
            mina.company_id,
            mina.tutor_id,
            mina.referent_trainer_id,
            mina.account_id,
            mina.guardian_ids,
        ),
    )
    assert moved.class_name == "Terminale Bac Pro" and moved.guardian_names == ("AZZOUG Karim",)
    assert history_of(demo_store, mina.id) == before
    assert class_row(demo_store, boss, "Terminale Bac Pro").apprentice_count == (
        terminale.apprentice_count + 1
    )
    with pytest.raises(ConflictError):
        admin.update_apprentice(
            demo_store, boss, mina.id, mina.version, ApprenticeInput("AZZOUG", "Mina")
        )


def test_tutor_from_another_company_is_refused(demo_store: Store) -> None:
    """An apprentice's tutor works in the apprentice's company."""
    boss = actor(demo_store, "admin")
    nord = next(c for c in admin.list_companies(demo_store, boss) if "Nord" in c.name)
    tutor = account_row(demo_store, boss, "tuteur")
    with pytest.raises(ValidationError) as raised:
        admin.create_apprentice(
            demo_store, boss, ApprenticeInput("X", "Y", company_id=nord.id, tutor_id=tutor.id)
        )
    assert raised.value.field == "tutor_id"


# -- frameworks ---------------------------------------------------------------------------


def test_deleting_a_used_competence_is_refused(demo_store: Store) -> None:
    """C1 of MELEC is rated and reviewed: deleting it is refused, saying by what."""
    boss = actor(demo_store, "admin")
    c1 = melec_tree(demo_store, boss).competences[0]
    with pytest.raises(ValidationError, match="déjà utilisée") as raised:
        admin.delete_framework_item(demo_store, boss, ItemKind.COMPETENCE, c1.id, c1.version)
    assert "positionnement" in str(raised.value) and "bilan" in str(raised.value)
    assert scalar(demo_store, select(m.Competence.id).where(m.Competence.id == c1.id)) == c1.id
    criterion = c1.children[0]
    with pytest.raises(ValidationError, match="déjà utilisé"):
        admin.delete_framework_item(
            demo_store, boss, ItemKind.CRITERION, criterion.id, criterion.version
        )


def test_deleting_a_used_task_or_area_is_refused(demo_store: Store) -> None:
    """A task in a period plan or a task log cannot be deleted, nor its area."""
    boss = actor(demo_store, "admin")
    area = melec_tree(demo_store, boss).areas[0]
    task = area.children[0]
    with pytest.raises(ValidationError, match="fiche pédagogique"):
        admin.delete_framework_item(demo_store, boss, ItemKind.TASK, task.id, task.version)
    with pytest.raises(ValidationError, match="déjà utilisée"):
        admin.delete_framework_item(demo_store, boss, ItemKind.AREA, area.id, area.version)


def test_framework_items_are_added_renamed_reordered_and_deleted(demo_store: Store) -> None:
    """A new competence with a unit and a criterion can be renamed, moved and deleted."""
    boss = actor(demo_store, "admin")
    tree = melec_tree(demo_store, boss)
    framework_id = tree.diploma.framework_id
    u2 = tree.units[0]
    added = admin.add_framework_item(
        demo_store,
        boss,
        ItemKind.COMPETENCE,
        framework_id,
        ItemInput("C14", "Nouvelle compétence", (u2.id,)),
    )
    assert added.position == len(tree.competences) and added.linked_ids == (u2.id,)
    with pytest.raises(ValidationError) as raised:
        admin.add_framework_item(
            demo_store, boss, ItemKind.COMPETENCE, framework_id, ItemInput("C1", "Doublon")
        )
    assert raised.value.field == "code"
    criterion = admin.add_framework_item(
        demo_store, boss, ItemKind.CRITERION, added.id, ItemInput("C14.1", "Un critère")
    )
    renamed = admin.update_framework_item(
        demo_store,
        boss,
        ItemKind.COMPETENCE,
        added.id,
        added.version,
        ItemInput("C14", "Compétence renommée", ()),
    )
    assert renamed.label == "Compétence renommée" and renamed.linked_ids == ()
    unit_only = admin.update_framework_item(
        demo_store,
        boss,
        ItemKind.COMPETENCE,
        added.id,
        renamed.version,
        ItemInput("C14", "Compétence renommée", (u2.id,)),
    )
    assert unit_only.version == renamed.version + 1
    with pytest.raises(ConflictError):
        admin.update_framework_item(
            demo_store, boss, ItemKind.COMPETENCE, added.id, renamed.version, ItemInput("C", "x")
        )
    admin.move_framework_item(demo_store, boss, ItemKind.COMPETENCE, added.id, -1)
    codes = [c.code for c in melec_tree(demo_store, boss).competences]
    assert codes[-2:] == ["C14", "C13"]
    tree = melec_tree(demo_store, boss)
    c14 = next(c for c in tree.competences if c.code == "C14")
    assert [c.code for c in c14.children] == ["C14.1"] and c14.linked_ids == (u2.id,)
    assert (
        u2.id in c14.linked_ids
        and c14.id in next(u for u in tree.units if u.id == u2.id).linked_ids
    )
    admin.delete_framework_item(demo_store, boss, ItemKind.COMPETENCE, c14.id, c14.version)
    assert scalar(demo_store, select(m.Criterion.id).where(m.Criterion.id == criterion.id)) is None
    admin.delete_framework_item(demo_store, boss, ItemKind.UNIT, u2.id, u2.version)
    assert len(melec_tree(demo_store, boss).units) == len(tree.units) - 1


def test_list_reads_are_bounded(demo_store: Store, count_statements) -> None:
    """Listing takes the same number of statements with more rows."""
    boss = actor(demo_store, "admin")
    readers = [
        admin.list_accounts,
        admin.list_classes,
        admin.list_companies,
        admin.list_apprentices,
        admin.framework_trees,
        admin.form_choices,
    ]

    def counts() -> list[int]:
        result = []
        for reader in readers:
            with count_statements(demo_store) as counter:
                reader(demo_store, boss)
            result.append(counter.count)
        return result

    before = counts()
    one_melec = class_row(demo_store, boss, "1MELEC")
    for i in range(4):
        admin.create_apprentice(
            demo_store,
            boss,
            ApprenticeInput(f"NOUVEAU{i}", "X", school_class_id=one_melec.id, guardian_ids=()),
        )
        admin.create_company(demo_store, boss, CompanyInput(f"Société {i}"))
    assert counts() == before
    assert max(before) <= 10


# -- the centre ---------------------------------------------------------------------------


def test_centre_identity_is_created_then_updated_with_versions(store: Store) -> None:
    """On an empty store the centre is saved from version 0, then a stale save conflicts."""
    boss = create_first_admin(store, "admin", "secret-du-centre", "MOREAU", "Catherine")
    empty = admin.get_centre(store, boss)
    assert empty.version == 0 and empty.name == ""
    saved = admin.update_centre(
        store, boss, 0, CentreInput("CFA du Val", uai_code="0930000x", city="Montreuil")
    )
    assert saved.uai_code == "0930000X" and saved.version == 1
    with pytest.raises(ConflictError):
        admin.update_centre(store, boss, 0, CentreInput("Autre"))
    assert admin.get_centre(store, boss).name == "CFA du Val"


# -- a new school year from an empty store ----------------------------------------------------


def test_a_school_year_is_set_up_from_an_empty_store(store: Store) -> None:
    """From the first admin alone: year, diploma and framework, class, company, tutor,
    trainer, apprentice; then the tutor sees exactly his apprentice and another tutor none."""
    boss = create_first_admin(store, "admin", "secret-du-centre", "MOREAU", "Catherine")
    year = admin.create_school_year(
        store, boss, SchoolYearInput("2024-2025", date(2024, 9, 2), date(2025, 7, 4))
    )
    diploma = admin.create_diploma(
        store, boss, DiplomaInput("CAP-ELEC", "CAP Électricien", "CAP (niveau 3)")
    )
    assert diploma.framework_id is not None and diploma.framework_name == "CAP Électricien"
    competence = admin.add_framework_item(
        store, boss, ItemKind.COMPETENCE, diploma.framework_id, ItemInput("C1", "Réaliser")
    )
    admin.add_framework_item(
        store, boss, ItemKind.CRITERION, competence.id, ItemInput("C1.1", "Le travail est fait")
    )
    company = admin.create_company(
        store,
        boss,
        CompanyInput("Élec Services", "12345678900011", city="Lyon", latitude=45.76, longitude=4.8),
    )
    tutor = admin.create_account(
        store,
        boss,
        AccountInput("m.tuteur", "LAMBERT", "Marc", Role.TUTOR, company_id=company.id),
        "secret-tuteur",
    )
    other_tutor = admin.create_account(
        store,
        boss,
        AccountInput("autre.tuteur", "FAURE", "Lise", Role.TUTOR, company_id=company.id),
        "secret-tuteur",
    )
    trainer = admin.create_account(
        store, boss, AccountInput("formateur", "DURAND", "Sophie", Role.TRAINER), "secret-form"
    )
    school_class = admin.create_class(
        store,
        boss,
        ClassInput("1CAP", "Première année de CAP", 1, diploma.id, year.id, (trainer.id,)),
    )
    assert school_class.trainer_names == ("DURAND Sophie",)
    apprentice = admin.create_apprentice(
        store,
        boss,
        ApprenticeInput(
            "NOUVEAU",
            "Léa",
            date(2008, 5, 1),
            "123456789ab",
            school_class_id=school_class.id,
            company_id=company.id,
            tutor_id=tutor.id,
            referent_trainer_id=trainer.id,
        ),
    )
    assert apprentice.national_id == "123456789AB" and apprentice.tutor_name == "LAMBERT Marc"
    assert history_of(store, apprentice.id)["booklets"] == 1
    tree = admin.framework_tree(store, boss, diploma.id)
    assert [(c.code, [k.code for k in c.children]) for c in tree.competences] == [("C1", ["C1.1"])]

    seen = visible_directory(store, authenticate(store, "m.tuteur", "secret-tuteur"))
    assert [(c.name, [a.display_name for a in c.apprentices]) for c in seen.classes] == [
        ("1CAP", ["NOUVEAU Léa"])
    ]
    assert (
        visible_directory(store, authenticate(store, "autre.tuteur", "secret-tuteur")).classes == ()
    )
    taught = visible_directory(store, authenticate(store, "formateur", "secret-form"))
    assert taught.apprentice_ids() == [apprentice.id] and taught.teaches_a_class
    assert other_tutor.company_name == "Élec Services"
