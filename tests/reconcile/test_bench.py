"""The benchmark runs end to end at a small size (the figures themselves are in the report)."""

from __future__ import annotations

from worker.bench.reconcile_bench import run


def test_benchmark_applies_every_kind_and_the_second_run_changes_nothing() -> None:
    figures = run(students=3000, accounts=3000)
    applied = figures["applied"]
    assert all(applied[kind] > 0 for kind in ("create", "update_names", "enable", "disable"))
    assert figures["planned"]["pending_disable"] > 0 and figures["planned"]["roster_problem"] > 0
    assert figures["second_run_changes"] == dict.fromkeys(applied, 0)
    assert figures["plan_plus_apply_seconds"] > 0 and figures["peak_rss_mb"] > 0
