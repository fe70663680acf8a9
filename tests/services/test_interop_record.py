"""An apprentice's record leaves with him (export ZIP: JSON valid against its schema,
attachments byte for byte, PDFs), and the right to erasure (nothing about him left, the
others untouched), on both backends."""

from __future__ import annotations

import hashlib
import io
import json
import zipfile
from pathlib import Path

import jsonschema
import pytest
from pypdf import PdfReader
from sqlalchemy import String, Text, delete, func, select
from sqlalchemy.exc import DatabaseError

from cpro_desktop import models as m
from cpro_desktop.models.enums import Origin, ReviewStatus
from cpro_desktop.services import admin, audit, dashboard, printing, reviews
from cpro_desktop.services.activities import add_file
from cpro_desktop.services.auth import authenticate, change_own_password
from cpro_desktop.services.interop import record
from cpro_desktop.services.interop.record import (
    RECORD_FORMAT,
    RECORD_VERSION,
    SCHEMA_PATH,
    erase_apprentice,
    erasure_preview,
    export_apprentice_record,
    find_apprentice_for_admin,
)
from cpro_desktop.services.permissions import Actor
from cpro_desktop.store import (
    ConflictError,
    CproError,
    NotFound,
    PermissionDenied,
    Store,
    ValidationError,
)

PASSWORD = "cpro-demo"
KNOWN_BYTES = bytes(range(256)) * 40 + "Compte rendu — «é»\n".encode()


def actor(store: Store, login: str) -> Actor:
    return authenticate(store, login, PASSWORD)


def apprentice_id(store: Store, last_name: str) -> int:
    with store.read() as session:
        return session.scalar(select(m.Apprentice.id).where(m.Apprentice.last_name == last_name))


def count(store: Store, stmt) -> int:
    with store.read() as session:
        return session.scalar(stmt)


def read_zip(path: Path) -> tuple[dict, zipfile.ZipFile]:
    archive = zipfile.ZipFile(path)
    return json.loads(archive.read("dossier.json")), archive


def add_known_attachment(store: Store) -> int:
    """Mina attaches a file with known bytes to her first sheet."""
    mina = actor(store, "apprenti")
    with store.read() as session:
        sheet_id = session.scalar(
            select(m.ActivitySheet.id)
            .join(m.Portfolio, m.Portfolio.id == m.ActivitySheet.portfolio_id)
            .where(m.Portfolio.apprentice_id == mina_id(store))
            .order_by(m.ActivitySheet.id)
            .limit(1)
        )
    return add_file(store, mina, name="relevé/mesures.bin", data=KNOWN_BYTES, sheet_id=sheet_id).id


#: Why the administrator erases Mina, who has validated reviews (a reason is then needed).
REASON = "Demande de l'apprentie (RGPD), dossier exporté"


def mina_id(store: Store) -> int:
    return apprentice_id(store, "AZZOUG")


# --- Export ------------------------------------------------------------------------------------


def test_schema_is_draft_2020_12_and_documents_every_property() -> None:
    """The shipped schema is a valid draft 2020-12 schema and every property has a description."""
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    jsonschema.Draft202012Validator.check_schema(schema)
    missing: list[str] = []

    def walk(node: object, where: str) -> None:
        if isinstance(node, dict):
            for name, sub in node.get("properties", {}).items():
                if not (isinstance(sub, dict) and sub.get("description", "").strip()):
                    missing.append(f"{where}/{name}")
            for key, sub in node.items():
                walk(sub, f"{where}/{key}")
        elif isinstance(node, list):
            for index, sub in enumerate(node):
                walk(sub, f"{where}/{index}")

    walk(schema, "#")
    assert missing == []


def test_export_json_validates_against_the_shipped_schema(demo_store: Store, tmp_path: Path):
    """dossier.json of the richest apprentice, and of another one, validate against the schema."""
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    validator = jsonschema.Draft202012Validator(
        schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )
    admin = actor(demo_store, "admin")
    add_known_attachment(demo_store)
    for name in ("AZZOUG", "PETIT"):
        report = export_apprentice_record(
            demo_store, admin, apprentice_id(demo_store, name), tmp_path / f"{name}.zip"
        )
        document, _ = read_zip(report.path)
        errors = [f"{e.json_path}: {e.message}" for e in validator.iter_errors(document)]
        assert errors == []
        assert (document["format"], document["version"]) == (RECORD_FORMAT, RECORD_VERSION)
        assert document["apprentice"]["last_name"] == name


def test_export_holds_everything_the_store_counts(demo_store: Store, tmp_path: Path) -> None:
    """Sheets, comments, ratings, reviews and booklet parts of Mina: the same counts as the store,
    her identity, and no other apprentice's name."""
    admin = actor(demo_store, "admin")
    aid = mina_id(demo_store)
    portfolios = select(m.Portfolio.id).where(m.Portfolio.apprentice_id == aid)
    sheets = select(m.ActivitySheet.id).where(m.ActivitySheet.portfolio_id.in_(portfolios))
    booklet = select(m.Booklet.id).where(m.Booklet.apprentice_id == aid)
    expected = {
        "portfolios": count(demo_store, select(func.count()).select_from(portfolios.subquery())),
        "sheets": count(demo_store, select(func.count()).select_from(sheets.subquery())),
        "comments": count(
            demo_store,
            select(func.count(m.Comment.id)).where(m.Comment.activity_sheet_id.in_(sheets)),
        ),
        "grids": count(
            demo_store, select(func.count(m.RatingGrid.id)).where(m.RatingGrid.apprentice_id == aid)
        ),
        "ratings": count(
            demo_store,
            select(func.count(m.Rating.id))
            .join(m.RatingGrid, m.RatingGrid.id == m.Rating.rating_grid_id)
            .where(m.RatingGrid.apprentice_id == aid),
        ),
        "reviews": count(
            demo_store,
            select(func.count(m.CompetenceReview.id)).where(
                m.CompetenceReview.apprentice_id == aid
            ),
        ),
        "review_lines": count(
            demo_store,
            select(func.count(m.CompetenceReviewLine.id))
            .join(m.CompetenceReview)
            .where(m.CompetenceReview.apprentice_id == aid),
        ),
        "period_reviews": count(
            demo_store,
            select(func.count(m.PeriodReview.id)).where(
                m.PeriodReview.portfolio_id.in_(portfolios)
            ),
        ),
        "task_logs": count(
            demo_store, select(func.count(m.TaskLog.id)).where(m.TaskLog.apprentice_id == aid)
        ),
        "sections": count(
            demo_store,
            select(func.count(m.BookletSection.id)).where(m.BookletSection.booklet_id.in_(booklet)),
        ),
        "interviews": count(
            demo_store,
            select(func.count(m.Interview.id)).where(m.Interview.booklet_id.in_(booklet)),
        ),
        "visits": count(
            demo_store, select(func.count(m.Visit.id)).where(m.Visit.booklet_id.in_(booklet))
        ),
    }
    assert min(expected.values()) > 0, expected  # the demo gives her some of everything
    report = export_apprentice_record(demo_store, admin, aid, tmp_path / "mina.zip")
    document, _ = read_zip(report.path)
    sheets_out = [s for p in document["portfolios"] for s in p["sheets"]]
    found = {
        "portfolios": len(document["portfolios"]),
        "sheets": len(sheets_out),
        "comments": sum(len(s["comments"]) for s in sheets_out),
        "grids": len(document["rating_grids"]),
        "ratings": sum(len(g["ratings"]) for g in document["rating_grids"]),
        "reviews": len(document["competence_reviews"]),
        "review_lines": sum(len(r["lines"]) for r in document["competence_reviews"]),
        "period_reviews": sum(1 for p in document["portfolios"] if p["period_review"]),
        "task_logs": len(document["task_logs"]),
        "sections": len(document["booklet"]["sections"]),
        "interviews": len(document["booklet"]["interviews"]),
        "visits": len(document["booklet"]["visits"]),
    }
    assert found == expected
    who = document["apprentice"]
    assert (who["national_id"], who["birth_date"], who["login"]) == (
        "070123456AB",
        "2006-03-14",
        "apprenti",
    )
    assert who["tutor"]["name"] == "LEFEBVRE Thomas"
    assert who["referent_trainer"]["name"] == "DURAND Sophie"
    assert [c["name"] for c in who["classes"] if c["current"]] == ["1MELEC"]
    assert document["guardians"] == [{"name": "AZZOUG Karim"}]
    assert all(
        c["author"]["role"] in {"tutor", "trainer"} for s in sheets_out for c in s["comments"]
    )
    assert any(r["status"] == "validated" for r in document["competence_reviews"])
    with demo_store.read() as session:
        others = session.execute(
            select(m.Apprentice.national_id, m.Apprentice.last_name).where(m.Apprentice.id != aid)
        ).all()
    dumped = json.dumps(document, ensure_ascii=False)
    assert not [o for o in others if o.national_id in dumped or o.last_name in dumped]


def test_export_shows_a_validated_review_as_it_was_validated(
    demo_store: Store, tmp_path: Path
) -> None:
    """A review validated, then its first competence renamed: the export gives the label the
    review showed at validation (its frozen lines), as the screens and the PDF do."""
    tutor = actor(demo_store, "tuteur")
    aid = mina_id(demo_store)
    draft = reviews.start_review(demo_store, tutor, aid, Origin.COMPANY)
    draft = reviews.save_draft(demo_store, tutor, draft.id, draft.version, findings="Constats",
                               advice="Conseils", levels={})  # fmt: skip
    done = reviews.validate_review(demo_store, tutor, draft.id, draft.version, "CONFIRMATION")
    first = done.lines[0]
    with demo_store.write() as session:
        session.get(m.Competence, first.competence_id).label = "Intitulé renommé après coup"

    report = export_apprentice_record(
        demo_store, actor(demo_store, "admin"), aid, tmp_path / "mina.zip"
    )
    document, _ = read_zip(report.path)
    exported = [r for r in document["competence_reviews"] if r["findings"] == "Constats"]
    assert len(exported) == 1 and exported[0]["status"] == "validated"
    assert exported[0]["lines"][0]["competence"] == {"code": first.code, "label": first.label}
    assert [line["competence"]["code"] for line in exported[0]["lines"]] == [
        line.code for line in done.lines
    ]
    validated = [r for r in document["competence_reviews"] if r["status"] == "validated"]
    assert "Intitulé renommé après coup" not in json.dumps(validated, ensure_ascii=False)


def test_export_attachments_are_byte_identical(demo_store: Store, tmp_path: Path) -> None:
    """Every file attachment is in pieces-jointes/ byte for byte, with its SHA-256 in the JSON."""
    admin = actor(demo_store, "admin")
    add_known_attachment(demo_store)
    aid = mina_id(demo_store)
    report = export_apprentice_record(demo_store, admin, aid, tmp_path / "mina.zip")
    document, archive = read_zip(report.path)
    entries = list(record._all_attachment_entries(document))
    files = [e for e in entries if e["kind"] == "file"]
    with demo_store.read() as session:
        stored = {
            r.name: bytes(r.content)
            for r in session.execute(
                select(m.Attachment.name, m.Attachment.content).where(m.Attachment.kind == "file")
            )
        }
    assert report.attachments == len(files) >= 2
    assert any(e["kind"] == "url" and e["url"].startswith("http") for e in entries)
    known = [e for e in files if e["name"] == "mesures.bin"]
    assert len(known) == 1 and archive.read(known[0]["path"]) == KNOWN_BYTES
    for entry in files:
        data = archive.read(entry["path"])
        assert entry["path"].startswith("pieces-jointes/")
        assert data == stored[entry["name"]]
        assert entry["sha256"] == hashlib.sha256(data).hexdigest()
        assert entry["size_bytes"] == len(data)
        assert "altered" not in entry
    assert sorted(n for n in archive.namelist() if n.startswith("pieces-jointes/")) == sorted(
        e["path"] for e in files
    )


def test_export_pdfs_are_present_and_valid(demo_store: Store, tmp_path: Path) -> None:
    """The booklet, the reviews and one logbook per portfolio, each a PDF that pypdf opens."""
    admin = actor(demo_store, "admin")
    report = export_apprentice_record(demo_store, admin, mina_id(demo_store), tmp_path / "m.zip")
    document, archive = read_zip(report.path)
    pdfs = [n for n in archive.namelist() if n.startswith("pdf/")]
    assert report.pdfs == len(pdfs) == 2 + len(document["portfolios"])
    assert sorted(p["path"] for p in document["pdf"]) == sorted(pdfs)
    texts = {}
    for name in pdfs:
        reader = PdfReader(io.BytesIO(archive.read(name)))
        assert len(reader.pages) >= 1
        texts[name] = "".join(page.extract_text() for page in reader.pages)
    assert "AZZOUG Mina" in texts["pdf/livret-d-apprentissage.pdf"]
    assert "MOREAU Catherine" in texts["pdf/livret-d-apprentissage.pdf"]  # printed by the admin
    assert sum("journal-de-bord" in n for n in pdfs) == len(document["portfolios"])
    assert report.size_bytes == report.path.stat().st_size


@pytest.mark.parametrize("login", ["formateur", "tuteur", "apprenti", "parent"])
def test_non_admin_is_refused_and_nothing_is_written(
    demo_store: Store, tmp_path: Path, login: str
) -> None:
    """Export, preview and erasure need the administrator, even for one's own record."""
    someone = actor(demo_store, login)
    aid = mina_id(demo_store)
    target = tmp_path / "out" / "mina.zip"
    target.parent.mkdir()
    with pytest.raises(PermissionDenied):
        export_apprentice_record(demo_store, someone, aid, target)
    assert list(target.parent.iterdir()) == []
    with pytest.raises(PermissionDenied):
        erasure_preview(demo_store, someone, aid)
    with pytest.raises(PermissionDenied):
        erase_apprentice(demo_store, someone, aid, 1)
    with pytest.raises(PermissionDenied):
        find_apprentice_for_admin(demo_store, someone, "AZZOUG Mina")
    assert count(demo_store, select(func.count(m.Apprentice.id)).where(m.Apprentice.id == aid))


def test_export_failure_leaves_no_half_file(
    demo_store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A failure while writing keeps the previous file and leaves no partial file beside it."""
    admin = actor(demo_store, "admin")
    (tmp_path / "out").mkdir()
    target = tmp_path / "out" / "mina.zip"
    target.write_bytes(b"previous")

    def broken(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(record, "_copy_attachments", broken)
    with pytest.raises(CproError, match="Impossible d'écrire"):
        export_apprentice_record(demo_store, admin, mina_id(demo_store), target)
    assert target.read_bytes() == b"previous"
    assert sorted(p.name for p in target.parent.iterdir()) == ["mina.zip"]


def test_export_reads_a_fixed_number_of_statements(demo_store: Store, count_statements) -> None:
    """The JSON of the richest apprentice costs as many statements as that of a poorer one."""
    admin = actor(demo_store, "admin")
    counts = []
    for name in ("AZZOUG", "PETIT", "BERNARD"):
        aid = apprentice_id(demo_store, name)
        with count_statements(demo_store) as counter:
            record.record_document(demo_store, admin, aid)
        counts.append(counter.count)
    assert counts[0] == counts[1] == counts[2] < 40


def test_find_apprentice_for_admin(demo_store: Store) -> None:
    """By "NOM Prénom", "Prénom NOM", the class label or the INE; close names when unknown."""
    admin = actor(demo_store, "admin")
    aid = mina_id(demo_store)
    for wanted in ("AZZOUG Mina", "mina azzoug", "Azzoug Mina (1MELEC)", "070123456ab"):
        assert find_apprentice_for_admin(demo_store, admin, wanted) == (
            aid,
            "AZZOUG Mina (1MELEC)",
        )
    with pytest.raises(NotFound, match="AZZOUG Mina"):
        find_apprentice_for_admin(demo_store, admin, "Azoug Mina")


def test_export_to_a_missing_folder_is_refused(demo_store: Store, tmp_path: Path) -> None:
    """A target folder that does not exist is a clear French error."""
    admin = actor(demo_store, "admin")
    with pytest.raises(Exception, match="n'existe pas"):
        export_apprentice_record(demo_store, admin, mina_id(demo_store), tmp_path / "no" / "x.zip")
    assert trail(demo_store) == []


# --- The audit trail of the export -------------------------------------------------------------


def trail(store: Store) -> list[tuple]:
    """Every audit row, oldest first: (action, actor login, apprentice id, account id, subject,
    detail)."""
    events = m.AuditEvent.__table__
    with store.read() as session:
        rows = session.execute(select(events).order_by(events.c.id)).all()
    return [
        (r.action, r.actor_login, r.subject_apprentice_id, r.subject_account_id, r.subject_label,
         r.detail)
        for r in rows
    ]  # fmt: skip


def test_the_export_holds_her_audit_rows_and_writes_its_own(
    demo_store: Store, tmp_path: Path
) -> None:
    """dossier.json lists the rows about her (as subject, her account as subject, her account
    as actor), oldest first, and none about others; the export then writes exactly one row,
    its PDFs none."""
    boss = actor(demo_store, "admin")
    mina = actor(demo_store, "apprenti")
    aid = mina_id(demo_store)
    printing.booklet_document(demo_store, mina, aid)  # about her, by her
    printing.reviews_document(
        demo_store, actor(demo_store, "apprenti.bts"), apprentice_id(demo_store, "PETIT")
    )  # someone else's
    admin.reset_account_password(demo_store, boss, mina.account_id, "nouveau-secret")
    change_own_password(
        demo_store,
        authenticate(demo_store, "apprenti", "nouveau-secret"),
        "nouveau-secret",
        "encore-un-secret",
    )
    with demo_store.write() as session:  # by her account, about nobody in particular
        audit.record_event(session, mina, "print_booklet", subject="Test", detail="par elle")
    report = export_apprentice_record(demo_store, boss, aid, tmp_path / "mina.zip")
    document, _ = read_zip(report.path)

    entries = [
        (e["action"], e["action_label"], e["actor"], e["subject"], e["detail"])
        for e in document["audit_events"]
    ]
    assert entries == [
        ("print_booklet", "Impression du livret", "AZZOUG Mina", "AZZOUG Mina (1MELEC)", ""),
        ("password_reset", "Réinitialisation du mot de passe", "MOREAU Catherine",
         "AZZOUG Mina (apprenti)", ""),
        ("password_change", "Changement de mot de passe", "AZZOUG Mina",
         "AZZOUG Mina (apprenti)", ""),
        ("print_booklet", "Impression du livret", "AZZOUG Mina", "Test", "par elle"),
    ]  # fmt: skip
    assert all(e["occurred_at"].endswith("+00:00") for e in document["audit_events"])
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator(
        schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    ).validate(document)
    last = trail(demo_store)[-1]
    assert len(trail(demo_store)) == 6
    assert last[:5] == ("record_export", "admin", aid, None, "AZZOUG Mina (1MELEC)")
    assert last[5].startswith(f"{report.attachments} pièce(s) jointe(s), {report.pdfs} PDF, ")
    assert last[5].endswith("(mina.zip)")


def test_a_failed_or_refused_export_writes_no_audit_row(
    demo_store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No file, no row: a refused export, and one that fails while writing."""
    aid = mina_id(demo_store)
    out = tmp_path / "out"
    out.mkdir()
    with pytest.raises(PermissionDenied):
        export_apprentice_record(demo_store, actor(demo_store, "formateur"), aid, out / "a.zip")

    def broken(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(record, "_copy_attachments", broken)
    with pytest.raises(CproError):
        export_apprentice_record(demo_store, actor(demo_store, "admin"), aid, out / "b.zip")
    assert list(out.iterdir()) == []
    assert trail(demo_store) == []


# --- Erasure -----------------------------------------------------------------------------------


#: The audit trail keeps who erased whom, by design: the walk below leaves it out.
TRAIL = "audit_events"


def all_rows(store: Store) -> dict[str, list[dict]]:
    """Every row of every table but the audit trail (the demo world is small)."""
    with store.read() as session:
        return {
            table.name: [dict(r._mapping) for r in session.execute(select(table))]
            for table in m.Base.metadata.sorted_tables
            if table.name != TRAIL
        }


def rows_about(store: Store, aid: int, account_id: int | None, needles: dict) -> dict[str, set]:
    """Rows about the apprentice, by table: reached through foreign keys from his row and his
    account (directly or via portfolios, sheets, reviews, booklet…), or naming him (INE, full
    name, e-mail in a text column; his login as a whole value)."""
    rows = all_rows(store)
    tables = {t.name: t for t in m.Base.metadata.sorted_tables if t.name != TRAIL}

    def key(table, row) -> tuple:
        return tuple(row[c.name] for c in table.primary_key.columns)

    about: dict[str, set] = {name: set() for name in tables}
    about["apprentices"] |= {(r["id"],) for r in rows["apprentices"] if r["id"] == aid}
    about["accounts"] |= {(r["id"],) for r in rows["accounts"] if r["id"] == account_id}
    changed = True
    while changed:
        changed = False
        for name, table in tables.items():
            for fk in table.foreign_keys:
                target = fk.column.table.name
                wanted = {k[0] for k in about[target]}
                for row in rows[name]:
                    if row[fk.parent.name] in wanted and key(table, row) not in about[name]:
                        about[name].add(key(table, row))
                        changed = True
    for name, table in tables.items():
        text_columns = [c.name for c in table.columns if isinstance(c.type, String | Text)]
        for row in rows[name]:
            for column in text_columns:
                value = (row[column] or "").casefold()
                if any(n in value for n in needles["contains"]) or value == needles["login"]:
                    about[name].add(key(table, row))
    return {name: keys for name, keys in about.items() if keys}


def mina_needles(store: Store) -> tuple[int, int, dict]:
    with store.read() as session:
        row = session.execute(
            select(m.Apprentice, m.Account.login)
            .join(m.Account, m.Account.id == m.Apprentice.account_id)
            .where(m.Apprentice.last_name == "AZZOUG")
        ).one()
    a = row.Apprentice
    needles = {
        "contains": [
            a.national_id.casefold(),
            f"{a.last_name} {a.first_name}".casefold(),
            f"{a.first_name} {a.last_name}".casefold(),
            a.email.casefold(),
        ],
        "login": row.login.casefold(),
    }
    return a.id, a.account_id, needles


def table_counts(store: Store) -> dict[str, int]:
    with store.read() as session:
        return {
            t.name: session.scalar(select(func.count()).select_from(t))
            for t in m.Base.metadata.sorted_tables
        }


#: Which tables each group of the preview counts.
PREVIEW_TABLES = {
    "Apprenti (identité, INE, coordonnées, classe, entreprise)": ["apprentices"],
    "Rattachements à ses représentants légaux": ["apprentice_guardians"],
    "Portfolios (périodes en entreprise)": ["portfolios"],
    "Journaux de bord": ["logbooks"],
    "Fiches activités": ["activity_sheets"],
    "Liens des fiches avec le référentiel (tâches, compétences, critères)": [
        "sheet_tasks",
        "sheet_competences",
        "sheet_criteria",
    ],
    "Commentaires": ["comments"],
    "Pièces jointes": ["attachments"],
    "États de lecture": ["read_marks"],
    "Tâches hebdomadaires": ["task_logs"],
    "Grilles de positionnement": ["rating_grids"],
    "Notes (positionnements des critères)": ["ratings"],
    "Bilans de période": ["period_reviews"],
    "Bilans de compétences": ["competence_reviews"],
    "Niveaux des bilans de compétences": ["competence_review_lines"],
    "Livret d'apprentissage": ["booklets"],
    "Parties du livret": ["booklet_sections"],
    "Synthèses de phases": ["phase_syntheses"],
    "Entretiens individuels": ["interviews"],
    "Visites en entreprise": ["visits"],
    "Compte de connexion « apprenti »": ["accounts"],
}


def test_erasure_leaves_no_row_about_her(demo_store: Store) -> None:
    """After erasing Mina (validated reviews included), a walk of the whole schema finds no row
    about her; before, it found her in every kind of table; the preview counted exactly what
    went, and every other table kept its rows."""
    admin = actor(demo_store, "admin")
    aid, account_id, needles = mina_needles(demo_store)
    before = rows_about(demo_store, aid, account_id, needles)
    assert {"apprentices", "accounts", "portfolios", "activity_sheets", "comments",
            "attachments", "ratings", "competence_reviews", "competence_review_lines",
            "booklet_sections", "visits", "interviews", "read_marks"} <= set(before)  # fmt: skip
    validated = count(
        demo_store,
        select(func.count(m.CompetenceReview.id)).where(
            m.CompetenceReview.apprentice_id == aid,
            m.CompetenceReview.status == ReviewStatus.VALIDATED,
        ),
    )
    assert validated > 0
    counts_before = table_counts(demo_store)
    preview = erasure_preview(demo_store, admin, aid)

    erased = erase_apprentice(demo_store, admin, aid, preview.version, REASON)

    assert rows_about(demo_store, aid, account_id, needles) == {}
    assert erased == preview
    assert trail(demo_store) == [
        ("erasure", "admin", aid, account_id, "AZZOUG Mina (1MELEC)",
         f"{preview.total} élément(s) effacé(s), compte « apprenti » compris, dont "
         f"{validated} bilan(s) validé(s) — raison : {REASON}"),
    ]  # fmt: skip
    counts_after = table_counts(demo_store)
    deltas = {t: counts_before[t] - counts_after[t] for t in counts_before}
    assert deltas.pop(TRAIL) == -1  # the erasure's own audit row, and nothing else
    by_label = {item.label: item.count for item in preview.items}
    assert set(by_label) <= set(PREVIEW_TABLES)
    for label, tables in PREVIEW_TABLES.items():
        assert by_label.get(label, 0) == sum(deltas[t] for t in tables), label
    expected_changed = {t for ts in PREVIEW_TABLES.values() for t in ts if deltas[t]}
    assert {t for t, d in deltas.items() if d} == expected_changed
    assert all(len(before.get(t, ())) == deltas[t] for t in expected_changed)
    assert next(i for i in preview.items if i.label == "Bilans de compétences").detail == (
        f"dont {validated} validés définitivement"
    )


def test_erasure_keeps_other_dashboards_and_the_guardian(demo_store: Store) -> None:
    """Another 1MELEC apprentice's and PETIT Nathan's dashboards are equal before and after;
    the guardian's account stays, linked to nobody, and the preview says so."""
    admin = actor(demo_store, "admin")
    trainer = actor(demo_store, "formateur")
    nathan = actor(demo_store, "apprenti.bts")
    lucas = apprentice_id(demo_store, "BERNARD")
    petit = apprentice_id(demo_store, "PETIT")

    def snapshots():
        return (
            dashboard.competence_snapshot(demo_store, trainer, lucas),
            dashboard.activities_snapshot(demo_store, trainer, lucas),
            dashboard.competence_snapshot(demo_store, nathan, petit),
            dashboard.activities_snapshot(demo_store, nathan, petit),
        )

    before = snapshots()
    assert before[2].grids  # Nathan has ratings: a real comparison
    preview = erasure_preview(demo_store, admin, mina_id(demo_store))
    assert any("AZZOUG Karim" in s and "aucun apprenti" in s for s in preview.kept)
    erase_apprentice(demo_store, admin, preview.apprentice_id, preview.version, REASON)
    assert snapshots() == before
    with demo_store.read() as session:
        parent = session.execute(
            select(m.Account.id, m.Account.is_active).where(m.Account.login == "parent")
        ).one()
        links = session.scalar(
            select(func.count()).where(m.apprentice_guardians.c.guardian_id == parent.id)
        )
    assert parent.is_active and links == 0
    with pytest.raises(Exception, match=r"identifiant|mot de passe|incorrect"):
        actor(demo_store, "apprenti")


def test_validated_reviews_are_erased_only_with_a_reason(demo_store: Store) -> None:
    """Mina has 3 validated reviews (the demo's): without a reason nothing is erased and the
    French message says to export her record first if they must be kept."""
    admin = actor(demo_store, "admin")
    aid = mina_id(demo_store)
    preview = erasure_preview(demo_store, admin, aid)
    assert preview.validated_reviews == 3
    counts = table_counts(demo_store)
    with pytest.raises(ValidationError, match=r"3 bilans validés.*exportez d'abord"):
        erase_apprentice(demo_store, admin, aid, preview.version, "   ")
    assert table_counts(demo_store) == counts


def test_stale_version_is_a_conflict_and_nothing_is_erased(demo_store: Store) -> None:
    """The apprentice changed since the preview: ConflictError, and every row stays."""
    admin = actor(demo_store, "admin")
    aid = mina_id(demo_store)
    preview = erasure_preview(demo_store, admin, aid)
    with demo_store.write() as session:
        session.get(m.Apprentice, aid).phone = "06 00 00 00 00"
    counts = table_counts(demo_store)
    with pytest.raises(ConflictError, match="modifié depuis l'aperçu"):
        erase_apprentice(demo_store, admin, aid, preview.version)
    assert table_counts(demo_store) == counts
    assert erasure_preview(demo_store, admin, aid).version == preview.version + 1


def test_validated_reviews_stay_frozen_outside_erasure(demo_store: Store) -> None:
    """The freeze of validated reviews stays on: deleting one on its own is refused by the
    database, while the erasure of its apprentice removes it."""
    admin = actor(demo_store, "admin")
    aid = mina_id(demo_store)
    with demo_store.read() as session:
        review_id = session.scalar(
            select(m.CompetenceReview.id).where(
                m.CompetenceReview.apprentice_id == aid,
                m.CompetenceReview.status == ReviewStatus.VALIDATED,
            )
        )
    with pytest.raises(DatabaseError), demo_store.write() as session:
        session.execute(delete(m.CompetenceReview).where(m.CompetenceReview.id == review_id))
    preview = erasure_preview(demo_store, admin, aid)
    erase_apprentice(demo_store, admin, aid, preview.version, REASON)
    assert count(demo_store, select(func.count(m.CompetenceReview.id)).where(
        m.CompetenceReview.id == review_id)) == 0  # fmt: skip


def test_erasure_preview_runs_a_fixed_number_of_statements(
    demo_store: Store, count_statements
) -> None:
    """Counting what goes costs the same for the richest apprentice and a poorer one."""
    admin = actor(demo_store, "admin")
    counts = []
    for name in ("AZZOUG", "PETIT", "BERNARD"):
        aid = apprentice_id(demo_store, name)
        with count_statements(demo_store) as counter:
            erasure_preview(demo_store, admin, aid)
        counts.append(counter.count)
    assert counts[0] == counts[1] == counts[2] <= 8


def test_erasing_an_unknown_apprentice_is_not_found(demo_store: Store) -> None:
    """An apprentice already erased (or never there) is a clear NotFound."""
    admin = actor(demo_store, "admin")
    with pytest.raises(NotFound):
        erasure_preview(demo_store, admin, 999_999)
    with pytest.raises(NotFound):
        erase_apprentice(demo_store, admin, 999_999, 1)


def test_the_export_holds_the_whole_texts_an_upgrade_shortened(
    demo_store: Store, tmp_path: Path
) -> None:
    """A text migration 0008 had to shorten is kept whole in `oversize_texts`: her export
    carries hers (valid against the schema), not another apprentice's."""
    aid = mina_id(demo_store)
    other = apprentice_id(demo_store, "PETIT")
    whole = "Constat très long. " * 2000
    with demo_store.write() as session:
        session.add_all(
            [
                m.OversizeText(
                    table_name="competence_reviews",
                    row_id=1,
                    column_name="findings",
                    text=whole,
                    apprentice_id=aid,
                ),
                m.OversizeText(
                    table_name="logbooks",
                    row_id=2,
                    column_name="presentation",
                    text="pas le sien",
                    apprentice_id=other,
                ),
            ]
        )
    report = export_apprentice_record(
        demo_store, actor(demo_store, "admin"), aid, tmp_path / "mina.zip"
    )
    document, _ = read_zip(report.path)
    assert [(t["table"], t["column"], t["text"]) for t in document["oversize_texts"]] == [
        ("competence_reviews", "findings", whole)
    ]
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator(
        schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    ).validate(document)
