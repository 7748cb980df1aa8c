"""Read an analyst's file into observations, collecting every problem before refusing.

The flow is ``grid.read_table`` (bytes or a path -> the file's cells as strings, header row found)
-> ``parse.parse_observations`` (strings -> typed observations + problems, long or wide)
-> ``checks.check_cells`` (years, bounds, duplicates, cumulative decreases). The problems
themselves are the catalogue in :mod:`analytics.problems`. This package's names are the
ones to import: ``from analytics.ingest import load_observations``.
"""

from analytics.ingest.cells import header_year, normalise_name, parse_number, shown_number
from analytics.ingest.grid import MAX_FILE_BYTES, Table, column_order, guess_delimiter, read_table, sheet_names
from analytics.ingest.parse import (
    OBSERVATION_COLUMNS,
    IngestResult,
    closest_names,
    indicator_lookup,
    load_observations,
    parse_observations,
)
from analytics.problems import (
    AmbiguousIndicator,
    BadYear,
    BinaryFile,
    ConflictingDuplicate,
    CumulativeDecrease,
    EmptyFile,
    IgnoredColumn,
    MissingColumn,
    NegativeCount,
    NoDataRows,
    NotANumber,
    NotATable,
    Problem,
    RepeatedRow,
    TooLarge,
    UnknownIndicatorName,
    UnknownSheet,
    UnreadableEncoding,
    ValidationFailed,
    ValueOutOfRange,
    YearOutOfRange,
    problem_table,
)

__all__ = [
    "MAX_FILE_BYTES",
    "OBSERVATION_COLUMNS",
    "AmbiguousIndicator",
    "BadYear",
    "BinaryFile",
    "ConflictingDuplicate",
    "CumulativeDecrease",
    "EmptyFile",
    "IgnoredColumn",
    "IngestResult",
    "MissingColumn",
    "NegativeCount",
    "NoDataRows",
    "NotANumber",
    "NotATable",
    "Problem",
    "RepeatedRow",
    "Table",
    "TooLarge",
    "UnknownIndicatorName",
    "UnknownSheet",
    "UnreadableEncoding",
    "ValidationFailed",
    "ValueOutOfRange",
    "YearOutOfRange",
    "closest_names",
    "column_order",
    "guess_delimiter",
    "header_year",
    "indicator_lookup",
    "load_observations",
    "normalise_name",
    "parse_number",
    "parse_observations",
    "problem_table",
    "read_table",
    "sheet_names",
    "shown_number",
]
