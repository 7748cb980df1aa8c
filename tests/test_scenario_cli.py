"""Saved scenarios in the store (SQLite and PostgreSQL) and `assess --pace/--assume/--scenario`."""

import json
import math

import pytest

from analytics.scenario import Scenario, ScenarioExists, ScenarioNameInvalid, UnknownScenario, from_json, to_json
from analytics.store import Store
from tests.helpers import run_cli


def t3_sf(t: float) -> float:
    """P(T > t) for Student t with 3 degrees of freedom (closed form)."""
    return 0.5 - (t / (math.sqrt(3) * (1 + t * t / 3)) + math.atan(t / math.sqrt(3))) / math.pi


# --- the store --------------------------------------------------------------------------------
def test_saved_scenario_round_trip_adds_no_revision(db_url):
    store = Store(db_url)
    revision = store.latest_revision()
    scenario = Scenario.of(1.5, {"environment": 0.5}, {"p14-03": 0.05, "p14-26": -0.5})
    store.save_scenario("  快一半  ", to_json(scenario), author="李工")
    store.save_scenario("stall", to_json(Scenario.of(0)), author="analyst")
    listed = store.scenarios()
    assert list(listed["name"]) == ["stall", "快一半"]  # by name; the name is trimmed
    assert list(listed["author"]) == ["analyst", "李工"]
    assert listed["created_at"].notna().all()
    assert from_json(store.load_scenario("快一半")) == scenario
    assert store.latest_revision() == revision  # a scenario is not data
    with pytest.raises(ScenarioExists):
        store.save_scenario("快一半", to_json(Scenario()), author="x")
    store.save_scenario("快一半", to_json(Scenario.of(2)), author="王", replace=True)
    assert from_json(store.load_scenario("快一半")) == Scenario.of(2)
    assert len(store.scenarios()) == 2
    store.delete_scenario("快一半")
    with pytest.raises(UnknownScenario):
        store.load_scenario("快一半")
    with pytest.raises(UnknownScenario):
        store.delete_scenario("快一半")
    assert list(store.scenarios()["name"]) == ["stall"]
    # Nothing is lost: saved, replaced and deleted versions all stay in the scenario's history,
    # and a deleted name can be saved again.
    history = store.scenario_history("快一半")
    assert list(history["author"]) == ["李工", "王", ""]
    assert list(history["deleted"].astype(bool)) == [False, False, True]
    assert from_json(history["assumptions"].iloc[0]) == scenario
    store.save_scenario("快一半", history["assumptions"].iloc[0], author="李工")
    assert from_json(store.load_scenario("快一半")) == scenario
    store.delete_scenario("快一半", author="李工")
    # The table persists: a new Store on the same database sees it.
    assert list(Store(db_url).scenarios()["name"]) == ["stall"]


@pytest.mark.parametrize("name", ["", "   ", "x" * 101])
def test_scenario_needs_a_name_of_1_to_100_characters(tmp_path, name):
    store = Store(f"sqlite:///{tmp_path}/plan.db")
    with pytest.raises(ScenarioNameInvalid):
        store.save_scenario(name, to_json(Scenario()), author="a")
    assert store.scenarios().empty


# --- the command line ---------------------------------------------------------------------------
@pytest.fixture
def db(tmp_path):
    return f"sqlite:///{tmp_path}/cli.db"


def rows_of(result) -> dict:
    assert result.returncode == 0, result.stderr
    return {r["id"]: r for r in json.loads(result.stdout)}


def test_pace_moves_every_trend_and_reports_the_assumption(db):
    rows = rows_of(run_cli("assess", "--format", "json", "--pace", "1.5", db=db))
    # #1: 4, 4, 5, 5, 5 -> additions 0, 1, 0, 0 over 4 years, S = 1; Pearson dispersion
    # (3 x 0.25^2 + 0.75^2) / 0.25 / 3 = 1, so phi = 1 and the trend is (S + 1/2) / 4 = 0.375 a year.
    # Pace 150%: c = 0.375 + 0.5 x step, step = (6 - 4) / 5 years = 0.4 -> 0.575; projected 5 + 0.575 = 5.575.
    # One year left: H ~ NB with mean 0.575, variance 0.575 x (1 + 1/4) = 0.71875, so p = 0.8 and
    # r = 0.575 x 0.8 / 0.2 = 2.3; P(H >= 1) = 1 - 0.8^2.3 = 0.40144.
    first = rows["p14-01"]
    assert first["annual_change_assumed"] == pytest.approx(0.575)
    assert first["assumption"] == "pace" and first["pace_factor"] == 1.5
    assert first["projected_value"] == pytest.approx(5.575)
    assert first["probability"] == pytest.approx(1 - 0.8**2.3)
    # Maintain-type #5 is not paced: no assumption, the frequency it held.
    assert rows["p14-05"]["annual_change_assumed"] is None and rows["p14-05"]["assumption"] == ""
    assert rows["p14-05"]["method"] == "maintain_frequency"


def test_assume_by_seq_or_id_wins_over_pace_and_a_domain_pace_replaces_the_overall_one(db):
    rows = rows_of(
        run_cli(
            "assess",
            "--format",
            "json",
            "--pace",
            "150%",
            "--pace-domain",
            "product=0.5",
            "--assume",
            "3=0.05",
            "--assume",
            "p14-26=-0.5",
            db=db,
        )
    )
    assert rows["p14-03"]["annual_change_assumed"] == 0.05 and rows["p14-03"]["assumption"] == "assumed"
    # #3: 94.4, 94.9, 95.3, 95.6, 95.9; Theil-Sen slope 0.3625, changes 0.5, 0.4, 0.3, 0.3:
    # sigma^2 = (0.1375^2 + 0.0375^2 + 2 x 0.0625^2) / 3 = 0.009375, se^2 = 0.009375 / 4; sd = 0.108253.
    # Assumed +0.05: centre 95.95, needs 96: P = P(T3 > 0.05 / 0.108253 = 0.4619) = 0.3378 -> at risk.
    assert rows["p14-03"]["probability"] == pytest.approx(0.3378, abs=1e-4)
    assert rows["p14-03"]["status"] == "at_risk"
    assert rows["p14-26"]["projected_value"] == pytest.approx(25.5)  # 26 - 0.5
    assert rows["p14-01"]["pace_factor"] == 0.5  # the product pace replaces the overall 150%, never 1.5 x 0.5
    assert rows["p14-01"]["annual_change_assumed"] == pytest.approx(0.375 - 0.5 * 0.4)  # trend - half a step
    assert rows["p14-14"]["pace_factor"] == 1.5  # service: the overall pace only


def test_table_output_has_the_same_columns_plus_the_assumption(db):
    plain = run_cli("assess", "--lang", "en", db=db)
    scenario = run_cli("assess", "--lang", "en", "--pace", "2", db=db)
    assert plain.returncode == 0 and scenario.returncode == 0
    header = next(line for line in plain.stdout.splitlines() if line.strip().startswith("No."))
    scenario_header = next(line for line in scenario.stdout.splitlines() if line.strip().startswith("No."))
    assert scenario_header.split()[: len(header.split())] == header.split()
    assert scenario_header.split()[-4:] == ["Assumed", "per", "year", "Assumption"]
    assert (
        "overall pace 200%" in scenario.stdout
        and "pace 200% (recent trend ± the plan's yearly step)" in scenario.stdout
    )
    assert "Assumption" not in plain.stdout


def test_saved_scenario_is_used_and_command_line_assumptions_go_on_top(db):
    Store(db).save_scenario("快一半", to_json(Scenario.of(1.5, assume={"p14-03": 0.05})), author="t")
    saved = rows_of(run_cli("assess", "--format", "json", "--scenario", "快一半", db=db))
    direct = rows_of(run_cli("assess", "--format", "json", "--pace", "1.5", "--assume", "p14-03=0.05", db=db))
    assert saved == direct
    on_top = rows_of(run_cli("assess", "--format", "json", "--scenario", "快一半", "--assume", "3=0.2", db=db))
    assert on_top["p14-03"]["annual_change_assumed"] == 0.2 and on_top["p14-03"]["status"] == "on_track"
    assert on_top["p14-01"]["pace_factor"] == 1.5


@pytest.mark.parametrize(
    "args, message",
    [
        (["--pace", "abc"], "情景参数无效：abc（速度为0-2或0%-200%，年变化为数字） / Invalid scenario value: abc"),
        (["--pace", "3"], "情景参数无效：3"),
        (["--pace", "-1"], "情景参数无效：-1"),
        (["--pace-domain", "moon=1.2"], "未知领域：moon"),
        (["--pace-domain", "product"], "情景参数无效：product"),
        (["--assume", "99=1"], "未知指标：99 / Unknown indicator: 99"),
        (["--assume", "3=fast"], "情景参数无效：fast"),
        (["--assume", "3"], "情景参数无效：3"),
        (["--scenario", "nope"], "没有名为“nope”的情景 / There is no scenario named “nope”"),
    ],
)
def test_bad_scenario_input_is_one_bilingual_line_and_exit_1(db, args, message):
    result = run_cli("assess", *args, db=db)
    assert result.returncode == 1
    assert result.stderr.startswith(message) and len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.stderr and result.stdout == ""
