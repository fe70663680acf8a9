"""`cpro-desktop bench`: a small run on a tiny generated store prints its figures as JSON."""

from __future__ import annotations

import argparse
import json

import pytest

from cpro_desktop import bench
from cpro_desktop.demo.scale import generate_scale
from cpro_desktop.store import Store


@pytest.fixture
def backend() -> str:
    """The benchmark paints Qt views: SQLite is enough for this smoke run."""
    return "sqlite"


def parse(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="cpro-desktop bench")
    bench.add_arguments(parser)
    return parser.parse_args(argv)


def test_bench_prints_positive_figures_as_json(qapp, demo_store: Store, demo_url: str, capsys):
    """On the demo world plus 20 generated apprentices, `--json` prints one object with the
    medians of both views (snapshot, model, paint, raw SQL, ratio), all positive."""
    generate_scale(demo_store, 20, seed=11)
    assert bench.run(parse(["--db", demo_url, "--json", "--runs", "2"])) == 0
    result = json.loads(capsys.readouterr().out)
    assert set(result) >= {"backend", "location", "runs", "viewport", "apprentice", "views"}
    assert result["backend"] == "sqlite" and result["runs"] == 2
    assert result["apprentice"]["ratings"] + result["apprentice"]["task_logs"] > 0
    assert set(result["views"]) == {"competences", "activities"}
    for figures in result["views"].values():
        for key in ("snapshot_ms", "model_ms", "paint_ms", "open_ms", "raw_sql_ms",
                    "ratio_app_raw", "statements", "rows"):  # fmt: skip
            assert figures[key] > 0, key
        assert figures["open_ms"] == pytest.approx(
            figures["snapshot_ms"] + figures["model_ms"] + figures["paint_ms"], abs=0.01
        )


def test_bench_text_report(qapp, demo_store: Store, demo_url: str, capsys) -> None:
    """Without --json the figures print as a French table with the goals."""
    assert bench.run(parse(["--db", demo_url, "--runs", "1"])) == 0
    out = capsys.readouterr().out
    assert "Vue par compétences" in out and "Vue par activités" in out
    assert "app/brut" in out and "< 150 ms" in out


def test_bench_refuses_an_empty_store(qapp, store: Store, store_url: str, capsys) -> None:
    """A store with nothing to measure: a French message and exit code 2."""
    assert bench.run(parse(["--db", store_url, "--json"])) == 2
    assert "aucun positionnement" in capsys.readouterr().err


def test_bench_print_measures_a_booklet_and_a_batch(qapp, demo_store: Store, demo_url, capsys):
    """`bench --print` on the demo world: one booklet and a batch (one process here), each
    with its bare-ReportLab floor, as JSON and as a French report."""
    assert (
        bench.run(parse(["--db", demo_url, "--print", "--workers", "1", "--json", "--runs", "2"]))
        == 0
    )
    result = json.loads(capsys.readouterr().out)
    assert result["runs"] == {"booklet": 2, "batch": 2}
    assert result["booklet"]["apprentice"] == "AZZOUG Mina"
    assert result["booklet"]["pages"] > 5 and result["booklet_floor"]["pages"] > 5
    assert result["batch"]["booklets"] >= 5 and result["batch"]["failed"] == 0
    assert result["batch_ratio_to_floor"] > 0 and result["booklet_ratio_to_floor"] > 0
    text = bench.print_report_text(result)
    assert "Un livret (AZZOUG Mina)" in text and "ReportLab seul" in text


def test_bench_print_refuses_an_empty_store(qapp, store: Store, store_url: str, capsys) -> None:
    """No apprentice to print: a French message and exit code 2."""
    assert bench.run(parse(["--db", store_url, "--print"])) == 2
    assert "aucun apprenti" in capsys.readouterr().err


def test_bench_screens_times_and_counts_six_screens(qapp, demo_store: Store, demo_url, capsys):
    """`bench --screens --json` on the demo world: the six screens of issue 14, each with
    its time, statements and round trips (counted from the engine's events here) and its two
    floors; the text report names them in French."""
    assert bench.run(parse(["--db", demo_url, "--screens", "--json", "--runs", "1"])) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["round_trips_source"] == "events" and result["latency_ms"] is None
    assert result["apprentice"]["name"] == "AZZOUG Mina"
    assert list(result["screens"]) == [
        "main_window", "next_apprentice", "dashboard", "sheet", "weekly_grid", "folder"
    ]  # fmt: skip
    for figures in result["screens"].values():
        assert figures["ms"] > 0 and figures["statements"] > 0
        assert figures["round_trips"] >= figures["statements"]  # and any BEGIN, COMMIT
        assert figures["floor_table"]["ms"] > 0 and figures["floor_driver"]["rows"] > 0
    from cpro_desktop.bench_screens import report_text

    text = report_text(result)
    assert "Fenêtre principale après connexion" in text and "allers-ret." in text


def test_bench_latency_needs_postgresql(demo_url: str, capsys) -> None:
    """`--latency` on a SQLite store: a French message and exit code 2, nothing measured."""
    assert bench.run(parse(["--db", demo_url, "--screens", "--latency", "20"])) == 2
    assert "PostgreSQL" in capsys.readouterr().err
