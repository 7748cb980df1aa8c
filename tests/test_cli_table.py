"""``assess``'s terminal table shows numbers as the pages do: a count's projection as a whole number,
probabilities and progress as whole percentages with >99% and <1% at the ends."""

import json

from analytics.formatting import percent
from tests.helpers import run_cli


def test_the_table_shows_whole_counts_and_the_pages_percentages(demo_db_url):
    table = run_cli("assess", "--as-of", "2024", "--lang", "en", db=demo_db_url)
    assert table.returncode == 0, table.stderr
    rows = {
        r["seq"]: r for r in json.loads(run_cli("assess", "--as-of", "2024", "--format", "json", db=demo_db_url).stdout)
    }
    lines = {line.split()[0]: line for line in table.stdout.splitlines()[2:]}
    # #1 is a cumulative count whose projection is a mean (5.375 in the demo data): 5 organisations, not 5.375
    count = rows[1]
    assert count["kind"] == "cumulative" and count["projected_value"] != round(count["projected_value"])
    assert f" {round(count['projected_value'])} " in lines["1"] and f"{count['projected_value']:.4g}" not in lines["1"]
    # #7 has almost no chance: the table says <1%, as the pages do, never 0%
    unlikely = rows[7]["probability"]
    assert 0 < unlikely < 0.005 and " <1% " in lines["7"] and " 0% " not in lines["7"]
    # a level keeps its decimals: #3's projection with one decimal, its probability as a whole percentage
    level = rows[3]
    assert f" {level['projected_value']:.1f} " in lines["3"] and f" {percent(level['probability'])} " in lines["3"]
