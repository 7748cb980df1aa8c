"""dashboard.warmup fills the caches a page's default view reads, so the first visit finds them."""

from __future__ import annotations

import shutil
import time

from analytics.catalog import DOMAINS


def test_after_the_warm_up_every_default_view_is_a_cache_hit(demo_database, tmp_path, monkeypatch, apptest_environment):
    shutil.copy(demo_database, tmp_path / "plan.db")
    monkeypatch.setenv("PLAN_DB_URL", f"sqlite:///{tmp_path}/plan.db")
    from dashboard import data, domain, overview, scenarios, warmup

    warmup.warm()
    revision = data.store().latest_revision()
    plan, as_of = "p14", 2024  # the demo data's current plan and latest year
    started = time.perf_counter()
    views = [overview.figures(revision, plan, as_of, (), language) for language in ("zh", "en")]
    views += [
        domain.domain_view(revision, plan, as_of, (), name, language) for language in ("zh", "en") for name in DOMAINS
    ]
    scenarios.warm(revision, plan, as_of)
    hits = time.perf_counter() - started
    # Built afresh these take ~1 s (assessment, 26 cards and charts in two languages); cached, a few ms.
    assert hits < 0.25, hits
    assert all(
        view is again
        for view, again in zip(
            views[2:],
            [
                domain.domain_view(revision, plan, as_of, (), name, language)
                for language in ("zh", "en")
                for name in DOMAINS
            ],
            strict=True,
        )
    )


def test_the_warm_up_can_be_turned_off(monkeypatch, apptest_environment):
    from dashboard import warmup

    started = []
    monkeypatch.setattr(warmup, "_thread", lambda: started.append(True))
    monkeypatch.setenv("PLAN_WARM_UP", "0")
    warmup.start()
    monkeypatch.setenv("PLAN_WARM_UP", "1")
    warmup.start()
    assert started == [True]
