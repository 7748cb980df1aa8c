"""Issue 17's scale: the column-at-a-time reader of long files gives exactly what the cell-by-cell
reader gives, on small files (the 312,000-row timing is benchmarks/bench_import.py)."""

from __future__ import annotations

import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from analytics.catalog import load_catalog
from analytics.ingest import load_observations, parse_number

CATALOG = load_catalog()
# numbers as departments write them: plain, signed, with %, full-width, grouped, decimal commas, junk
CELLS = st.one_of(
    st.integers(-(10**6), 10**6).map(str),
    st.floats(-1e6, 1e6, allow_nan=False).map(lambda x: f"{x:.4f}"),
    st.sampled_from(
        [
            "96.3%",
            "９６．３",
            "1,234",
            "3,35",
            "1e309",
            "1e-400",
            "",
            "abc",
            " 12 ",
            "9⁵",
            "0.5 %",
            "1234567890123456",
            "-0",
            "+5",
            ".5",
            "5.",
        ]
    ),
)


@settings(max_examples=60, deadline=None)
@given(st.lists(CELLS, min_size=1, max_size=5))
def test_the_column_reader_reads_every_value_as_parse_number_does(values):
    # one value a year of #16 (patents per 10,000 people), in a comma-separated file
    content = "indicator,year,value\n" + "".join(f'p14-16,{2021 + i},"{v}"\n' for i, v in enumerate(values))
    result = load_observations(content.encode("utf-8"), "f.csv", CATALOG, plan="p14")
    unreadable = {p.row for p in result.problems if p.code in ("not_a_number", "ambiguous_number", "extreme_number")}
    refused = {p.row for p in result.errors}
    read = result.observations.set_index("year")["value"].to_dict()
    for row, raw in enumerate(values, start=2):
        number = parse_number(raw.strip())
        assert (number is None) == (row in unreadable), raw
        if row not in refused:
            assert read[2021 + row - 2] == number, raw  # exactly the same float


def test_every_year_of_25_indicators_reads_through_the_column_reader():
    ids = [i for i in CATALOG.loc[CATALOG["plan"] == "p14", "id"] if i != "p14-22"]
    rows = [(i, y, 1.5) for i in ids for y in range(2021, 2026)]
    content = pd.DataFrame(rows, columns=["indicator", "year", "value"]).to_csv(index=False).encode()
    result = load_observations(content, "f.csv", CATALOG, plan="p14")
    # 25 indicators x 5 years = 125 rows; 1.5 is within every bound and below every 100x ceiling
    assert result.errors == [] and len(result.observations) == 125
    assert set(result.observations["value"]) == {1.5}
