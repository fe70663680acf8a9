"""The permission policy: every rule of the SPEC's "Who uses it" table, and only here.

A rule says which *relations* between the signed-in account and an apprentice allow an
action. Relations come from the data, not from a role label alone:

- SELF: the apprentice's own account;
- TUTOR: the apprentice's tutor (maître d'apprentissage);
- FORMER_TUTOR: the tutor of some of his periods who is no longer his tutor (he changed
  company): he reads the work of those periods, and nothing else;
- TRAINER: a trainer assigned to the apprentice's class, or his referent trainer;
- GUARDIAN: a legal guardian of the apprentice.

A tutor's access follows his placements (SPEC, "Store"). The work of a period — its
portfolio, logbook, weekly sheets, comments, attachments, linked tasks and competences, the
period review — is checked on a *portfolio scope* (`ApprenticeScope.portfolio_id` set), in
which the tutor relations come from the portfolio's own tutor (`Portfolio.tutor_id`, "the
tutor of that period"; NULL in stores older than placements means the apprentice's current
tutor): TUTOR if he tutors that period and is still the apprentice's tutor (he reads and
writes it), FORMER_TUTOR if he tutored that period and no longer is (he reads it, READ_WORK
only), neither if the period is another employer's. On the apprentice's scope (no
portfolio), TUTOR is the current tutor, and FORMER_TUTOR one who tutored some period: it
allows READ_WORK only, i.e. reaching the apprentice in one's lists; which of his periods
one then sees is `visible_portfolios_clause()`. Everything apprentice-wide (dashboard,
competence reviews, booklet, and the period reviews and company grids they show) stays with
the current tutor.

So an administrator reaches the apprentices' private writing only if he is also assigned
to their class as a trainer, or when he exports one apprentice's whole record (the GDPR
export, `exporting_record()`: that apprentice's documents, nothing else). Set-up actions
(accounts, classes, frameworks…) need the administrator role. Services call `require()`
(raises `PermissionDenied`); views call `can()` only to hide what would be refused anyway;
listings filter with `visible_apprentices_clause()` and `visible_portfolios_clause()`,
built from the same relations.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field, replace

from sqlalchemy import (
    ColumnElement,
    CompoundSelect,
    Integer,
    Select,
    cast,
    false,
    null,
    or_,
    select,
    true,
    union_all,
)

from cpro_desktop import models as m
from cpro_desktop.models.enums import Role
from cpro_desktop.store.errors import PermissionDenied


class Relation(enum.StrEnum):
    """How the signed-in account relates to an apprentice."""

    SELF = "self"
    TUTOR = "tutor"
    FORMER_TUTOR = "former_tutor"
    TRAINER = "trainer"
    GUARDIAN = "guardian"


class Action(enum.StrEnum):
    """Everything a user may try; each has exactly one rule below."""

    # Reading an apprentice's record.
    READ_WORK = "read_work"  # period plan, logbook, activity sheets, comments, attachments
    READ_DASHBOARD = "read_dashboard"
    READ_REVIEWS = "read_reviews"  # validated competence reviews, period reviews
    READ_BOOKLET = "read_booklet"
    PRINT_BOOKLET = "print_booklet"
    # The apprentice's own writing.
    WRITE_OWN_WORK = "write_own_work"  # logbook, sheet text, attachments, ticked tasks
    WRITE_BOOKLET_APPRENTICE = "write_booklet_apprentice"  # training review, orientation
    # Tutor and trainer, on a sheet or a period.
    ANNOTATE_WORK = "annotate_work"  # comment, link tasks and competences, weekly tasks
    WRITE_PERIOD_REVIEW = "write_period_review"
    # Ratings and reviews.
    RATE_IN_CENTRE = "rate_in_centre"
    RATE_IN_COMPANY = "rate_in_company"
    WRITE_CENTRE_REVIEW = "write_centre_review"
    WRITE_COMPANY_REVIEW = "write_company_review"
    # Booklet parts.
    WRITE_BOOKLET_CENTRE = "write_booklet_centre"  # positioning, opinion, interviews, visits
    WRITE_BOOKLET_COMPANY = "write_booklet_company"  # company progression and synthesis
    # Class-level and set-up actions.
    MANAGE_PERIODS = "manage_periods"
    ADMINISTER = "administer"  # accounts, school years, classes, companies, frameworks
    EXPORT_RECORD = "export_record"  # GDPR portability / archive
    ERASE_APPRENTICE = "erase_apprentice"


S, T, TR, G = Relation.SELF, Relation.TUTOR, Relation.TRAINER, Relation.GUARDIAN
FT = Relation.FORMER_TUTOR

#: Actions on one apprentice (or one of his portfolios): which relations allow them. A
#: former tutor only reads the work of the periods he tutored (the booklet and the law want
#: it kept within his reach); writing a period's work needs its tutor to be still current.
APPRENTICE_RULES: dict[Action, frozenset[Relation]] = {
    Action.READ_WORK: frozenset({S, T, FT, TR}),
    Action.READ_DASHBOARD: frozenset({S, T, TR, G}),
    Action.READ_REVIEWS: frozenset({S, T, TR, G}),
    Action.READ_BOOKLET: frozenset({S, T, TR, G}),
    Action.PRINT_BOOKLET: frozenset({S, T, TR, G}),
    Action.WRITE_OWN_WORK: frozenset({S}),
    Action.WRITE_BOOKLET_APPRENTICE: frozenset({S}),
    Action.ANNOTATE_WORK: frozenset({T, TR}),
    Action.WRITE_PERIOD_REVIEW: frozenset({T, TR}),
    Action.RATE_IN_CENTRE: frozenset({TR}),
    Action.RATE_IN_COMPANY: frozenset({T}),
    Action.WRITE_CENTRE_REVIEW: frozenset({TR}),
    Action.WRITE_COMPANY_REVIEW: frozenset({T}),
    Action.WRITE_BOOKLET_CENTRE: frozenset({TR}),
    Action.WRITE_BOOKLET_COMPANY: frozenset({T}),
}

#: Actions that need a role whatever the apprentice (the administrator's set-up).
ROLE_RULES: dict[Action, frozenset[Role]] = {
    Action.ADMINISTER: frozenset({Role.ADMIN}),
    Action.EXPORT_RECORD: frozenset({Role.ADMIN}),
    Action.ERASE_APPRENTICE: frozenset({Role.ADMIN}),
}

#: Managing a class's periods: its trainers, and the administrator.
CLASS_RULES: dict[Action, tuple[frozenset[Role], bool]] = {
    # action: (roles allowed on any class, whether the class's trainers are allowed)
    Action.MANAGE_PERIODS: (frozenset({Role.ADMIN}), True),
}

#: What an actor exporting one apprentice's record (EXPORT_RECORD) may also do on that
#: apprentice alone, to put his documents in the export: read and print them.
RECORD_EXPORT_READS = frozenset(
    {
        Action.READ_WORK,
        Action.READ_DASHBOARD,
        Action.READ_REVIEWS,
        Action.READ_BOOKLET,
        Action.PRINT_BOOKLET,
    }
)

DENIED_MESSAGE = "Vous n'avez pas accès à cette action pour cet apprenti."


@dataclass(frozen=True)
class Actor:
    """The signed-in account, as the policy sees it."""

    account_id: int
    role: Role
    login: str = ""
    display_name: str = ""
    is_active: bool = True
    #: Set by `exporting_record()`: the apprentice whose record this actor is exporting.
    exporting_record_of: int | None = None


def exporting_record(actor: Actor, apprentice_id: int) -> Actor:
    """The actor while he exports `apprentice_id`'s record: if he may EXPORT_RECORD, he may
    also read and print that apprentice's documents (`RECORD_EXPORT_READS`); it grants
    nothing to an actor who may not export."""
    return replace(actor, exporting_record_of=apprentice_id)


@dataclass(frozen=True)
class ApprenticeScope:
    """Who relates to one apprentice: loaded by `load_scope()` in the service's session."""

    apprentice_id: int
    school_class_id: int | None
    account_id: int | None
    tutor_id: int | None
    referent_trainer_id: int | None
    class_trainer_ids: frozenset[int] = field(default_factory=frozenset)
    guardian_ids: frozenset[int] = field(default_factory=frozenset)
    #: The tutors recorded on his portfolios (his placements), on the apprentice's scope.
    placement_tutor_ids: frozenset[int] = field(default_factory=frozenset)
    #: Set on a portfolio scope (one period's work, `access.authorize_portfolio()`).
    portfolio_id: int | None = None
    #: That portfolio's tutor (`Portfolio.tutor_id`; None: the apprentice's current tutor).
    portfolio_tutor_id: int | None = None

    @property
    def period_tutor_id(self) -> int | None:
        """On a portfolio scope, the tutor of that period."""
        return self.tutor_id if self.portfolio_tutor_id is None else self.portfolio_tutor_id


def relations(actor: Actor, scope: ApprenticeScope) -> frozenset[Relation]:
    """Every relation between the actor and the apprentice (or one of his portfolios)."""
    found: set[Relation] = set()
    me = actor.account_id
    if scope.account_id == me:
        found.add(Relation.SELF)
    current = scope.tutor_id == me
    if scope.portfolio_id is None:
        placed = current or me in scope.placement_tutor_ids
    else:
        placed = scope.period_tutor_id == me
    if placed:
        found.add(Relation.TUTOR if current else Relation.FORMER_TUTOR)
    if scope.referent_trainer_id == me or me in scope.class_trainer_ids:
        found.add(Relation.TRAINER)
    if me in scope.guardian_ids:
        found.add(Relation.GUARDIAN)
    return frozenset(found)


def can(actor: Actor, action: Action, scope: ApprenticeScope | None = None) -> bool:
    """Whether the policy allows `action` (on the apprentice of `scope`, if it needs one)."""
    if not actor.is_active:
        return False
    if action in ROLE_RULES:
        return actor.role in ROLE_RULES[action]
    if action in CLASS_RULES:
        raise TypeError(f"{action} is decided per class: use can_on_class()")
    if scope is None:
        raise TypeError(f"{action} needs the apprentice's scope")
    if (
        actor.exporting_record_of == scope.apprentice_id
        and action in RECORD_EXPORT_READS
        and can(actor, Action.EXPORT_RECORD)
    ):
        return True
    return bool(relations(actor, scope) & APPRENTICE_RULES[action])


def can_on_class(actor: Actor, action: Action, class_trainer_ids: frozenset[int]) -> bool:
    """Whether the policy allows a class-level action, given the class's trainers."""
    if not actor.is_active:
        return False
    roles, trainers_allowed = CLASS_RULES[action]
    return actor.role in roles or (trainers_allowed and actor.account_id in class_trainer_ids)


def require(actor: Actor, action: Action, scope: ApprenticeScope | None = None) -> None:
    """Raise `PermissionDenied` unless `can()`."""
    if not can(actor, action, scope):
        raise PermissionDenied(DENIED_MESSAGE if scope else _role_message(action))


def require_on_class(actor: Actor, action: Action, class_trainer_ids: frozenset[int]) -> None:
    """Raise `PermissionDenied` unless `can_on_class()`."""
    if not can_on_class(actor, action, class_trainer_ids):
        raise PermissionDenied("Vous n'avez pas accès à cette classe.")


def _role_message(action: Action) -> str:
    if action in ROLE_RULES and ROLE_RULES[action] == frozenset({Role.ADMIN}):
        return "Cette action est réservée à l'administrateur du centre."
    return "Vous n'avez pas accès à cette action."


#: Aliases of the tables read by the scope subqueries: never correlated to the listing's
#: own `apprentices` or `portfolios`.
_SCOPE_APPRENTICES = m.Apprentice.__table__.alias("scope_apprentices")
_SCOPE_PORTFOLIOS = m.Portfolio.__table__.alias("scope_portfolios")
_SCOPE_TRAINERS = m.class_trainers.alias("scope_class_trainers")
_SCOPE_GUARDIANS = m.apprentice_guardians.alias("scope_guardians")
_NO_APPRENTICE = cast(null(), Integer)
#: A query of ids, one per row (`visible_apprentice_ids()`, `visible_portfolio_ids()`).
IdQuery = Select | CompoundSelect


def visible_apprentices_clause(actor: Actor, *actions: Action) -> ColumnElement[bool]:
    """A WHERE clause on `Apprentice` keeping exactly those the actor may do one of
    `actions` on.

    The SQL twin of `relations()` on the apprentice's scope: listings stay one query
    whatever their size, and cost what the actor's own apprentices cost, not the centre's
    (`visible_apprentice_ids()`).
    """
    if not actor.is_active:
        return false()
    return m.Apprentice.id.in_(visible_apprentice_ids(actor, *actions))


def visible_apprentice_ids(actor: Actor, *actions: Action) -> IdQuery:
    """The ids of the apprentices the actor may do one of `actions` on: a UNION ALL of one
    indexed lookup per relation (his own record, those he tutors or tutored, those of the
    classes he teaches or whose referent he is, his wards), so that the database starts
    from the actor and reads his few rows, where an OR of the relations on each apprentice
    row would read them all. Ids may repeat (one per relation): use it with IN.

    For services that start from the actor's scope rather than filter a listing (e.g.
    `SELECT … WHERE school_class_id IN (SELECT school_class_id … WHERE id IN (…))`).
    """
    if not actor.is_active:
        return select(_NO_APPRENTICE).where(false())
    allowed: set[Relation] = set()
    for action in actions:
        allowed |= APPRENTICE_RULES[action]
    return _related_ids(actor.account_id, frozenset(allowed))


def _related_ids(me: int, allowed: frozenset[Relation]) -> IdQuery:
    """Ids of the apprentices `me` holds one of `allowed` relations to (on the apprentice's
    scope), one indexed branch per relation (see `visible_apprentice_ids()`)."""
    a, p = _SCOPE_APPRENTICES, _SCOPE_PORTFOLIOS
    trainers, guardians = _SCOPE_TRAINERS, _SCOPE_GUARDIANS
    branches: list[IdQuery] = []
    if Relation.SELF in allowed:
        branches.append(select(a.c.id).where(a.c.account_id == me))  # unique index
    if Relation.TUTOR in allowed:
        branches.append(select(a.c.id).where(a.c.tutor_id == me))  # ix_apprentices_tutor_id
    if Relation.FORMER_TUTOR in allowed:
        # ix_portfolios_tutor_id: the periods he tutored, of apprentices he no longer tutors.
        branches.append(
            select(p.c.apprentice_id)
            .join(a, a.c.id == p.c.apprentice_id)
            .where(p.c.tutor_id == me, or_(a.c.tutor_id.is_(None), a.c.tutor_id != me))
        )
    if Relation.TRAINER in allowed:
        # ix_apprentices_referent_trainer_id; ix_class_trainers_trainer_id, then
        # ix_apprentices_school_class_id.
        branches.append(select(a.c.id).where(a.c.referent_trainer_id == me))
        branches.append(
            select(a.c.id)
            .join(trainers, trainers.c.school_class_id == a.c.school_class_id)
            .where(trainers.c.trainer_id == me)
        )
    if Relation.GUARDIAN in allowed:
        # ix_apprentice_guardians_guardian_id.
        branches.append(select(guardians.c.apprentice_id).where(guardians.c.guardian_id == me))
    if not branches:
        return select(_NO_APPRENTICE).where(false())
    if len(branches) == 1:
        return branches[0]
    return union_all(*branches)


def visible_portfolios_clause(actor: Actor, action: Action) -> ColumnElement[bool]:
    """A WHERE clause on `Portfolio` keeping exactly the portfolios the actor may `action`
    on (the SQL twin of `relations()` on a portfolio scope): his own periods for a tutor,
    current or former, never another employer's. Built on `visible_portfolio_ids()`: it
    reads the actor's portfolios only, whatever the size of the centre."""
    if not actor.is_active:
        return false()
    return m.Portfolio.id.in_(visible_portfolio_ids(actor, action))


def visible_portfolio_ids(actor: Actor, action: Action) -> IdQuery:
    """The ids of the portfolios the actor may `action` on, one indexed branch per relation
    (see `visible_apprentice_ids()`); ids may repeat: use it with IN."""
    if not actor.is_active:
        return select(_NO_APPRENTICE).where(false())
    allowed = APPRENTICE_RULES[action]
    me = actor.account_id
    a, p = _SCOPE_APPRENTICES, _SCOPE_PORTFOLIOS
    branches: list[IdQuery] = []
    others = allowed - {Relation.TUTOR, Relation.FORMER_TUTOR}
    if others:
        # Every period of the apprentices he relates to otherwise (the unique index on
        # (apprentice_id, period_id)).
        branches.append(
            select(p.c.id).where(p.c.apprentice_id.in_(_related_ids(me, frozenset(others))))
        )
    # The period's tutor is the portfolio's (indexed), or the apprentice's current one for
    # a portfolio recorded without a tutor.
    if Relation.TUTOR in allowed:
        branches.append(
            select(p.c.id)
            .join(a, a.c.id == p.c.apprentice_id)
            .where(a.c.tutor_id == me, or_(p.c.tutor_id == me, p.c.tutor_id.is_(None)))
        )
    if Relation.FORMER_TUTOR in allowed:
        branches.append(
            select(p.c.id)
            .join(a, a.c.id == p.c.apprentice_id)
            .where(p.c.tutor_id == me, or_(a.c.tutor_id.is_(None), a.c.tutor_id != me))
        )
    if not branches:
        return select(_NO_APPRENTICE).where(false())
    if len(branches) == 1:
        return branches[0]
    return union_all(*branches)


def member_apprentices_clause(actor: Actor, action: Action) -> ColumnElement[bool]:
    """Like `visible_apprentices_clause()` without the former tutor: the apprentices one
    follows now (to list the classes they are members of)."""
    if not actor.is_active:
        return false()
    allowed = APPRENTICE_RULES[action] - {Relation.FORMER_TUTOR}
    return m.Apprentice.id.in_(_related_ids(actor.account_id, allowed))


def all_apprentices_clause() -> ColumnElement[bool]:
    """For set-up listings (administration): every apprentice."""
    return true()


class Module(enum.StrEnum):
    """The main window's modules: the seed's five, and the administration."""

    ACTIVITIES = "activities"  # Suivi des activités en entreprise
    DASHBOARD = "dashboard"  # Tableaux de bord de l'apprenti
    COMPANY_REVIEWS = "company_reviews"  # Bilans des activités en entreprise
    COMPETENCE_REVIEWS = "competence_reviews"  # Bilans de compétences
    BOOKLET = "booklet"  # Livret d'apprentissage
    ADMINISTRATION = "administration"


#: Which modules each role opens (the apprentice and the guardian see their own versions).
MODULES_BY_ROLE: dict[Role, tuple[Module, ...]] = {
    Role.APPRENTICE: (
        Module.ACTIVITIES,
        Module.DASHBOARD,
        Module.COMPETENCE_REVIEWS,
        Module.BOOKLET,
    ),
    Role.TUTOR: (
        Module.ACTIVITIES,
        Module.DASHBOARD,
        Module.COMPANY_REVIEWS,
        Module.COMPETENCE_REVIEWS,
        Module.BOOKLET,
    ),
    Role.TRAINER: (
        Module.ACTIVITIES,
        Module.DASHBOARD,
        Module.COMPETENCE_REVIEWS,
        Module.BOOKLET,
    ),
    Role.GUARDIAN: (Module.DASHBOARD, Module.COMPETENCE_REVIEWS, Module.BOOKLET),
    Role.ADMIN: (Module.ADMINISTRATION,),
}


def modules_for(actor: Actor, teaches_a_class: bool = False) -> tuple[Module, ...]:
    """The modules the actor sees; an administrator who also teaches gets the trainer's."""
    if not actor.is_active:
        return ()
    modules = MODULES_BY_ROLE[actor.role]
    if actor.role == Role.ADMIN and teaches_a_class:
        return (*MODULES_BY_ROLE[Role.TRAINER], *modules)
    return modules
