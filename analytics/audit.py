"""The audit trail as people read it: who made each revision, when (Beijing time), what it
changed (rows added, changed, removed) and why (the note) - one table for the /data page's
history and for ``python -m analytics history``.

Who is the signed-in account when there was one (``revisions.account``); rows written before
accounts existed, and by the command line, have only their ``author`` text, which is shown as is.
"""

from __future__ import annotations

import pandas as pd

from analytics.labels import text

BEIJING = "Asia/Shanghai"
AUDIT_COLUMNS = ["id", "created_at", "who", "action", "rows_new", "rows_changed", "rows_removed", "note"]


def beijing_time(moments: pd.Series) -> pd.Series:
    """``YYYY-MM-DD HH:MM`` in Beijing time (UTC+8, no daylight saving) of UTC moments (naive = UTC)."""
    return pd.to_datetime(moments, utc=True).dt.tz_convert(BEIJING).dt.strftime("%Y-%m-%d %H:%M")


def who(author: str, account: str | None) -> str:
    """The account name, with the author text when it says something more; else the author text."""
    author = (author or "").strip()
    if account is None or pd.isna(account):
        return author
    return account if author in ("", account) else f"{account} ({author})"


def audit_table(revisions: pd.DataFrame, lang: str = "zh") -> pd.DataFrame:
    """``revisions`` (as ``Store.revisions()`` returns them, newest first) in :data:`AUDIT_COLUMNS`:
    the time in Beijing time, who, the action in ``lang``, the rows added/changed/removed, the note."""
    accounts = revisions["account"] if "account" in revisions else pd.Series(None, index=revisions.index)
    # The seed (revision 1) is written by the app itself from its data/ folder: say so in words.
    seeded = (revisions["action"] == "seed").to_numpy()
    authors = revisions["author"].where(~seeded | (revisions["author"] != "system"), text("shell.system_author", lang))
    return pd.DataFrame(
        {
            "id": revisions["id"].astype(int),
            "created_at": beijing_time(revisions["created_at"]),
            "who": [who(a, b) for a, b in zip(authors, accounts, strict=True)],
            "action": [text(f"data.action.{a}", lang) for a in revisions["action"]],
            "rows_new": revisions["rows_new"].astype(int),
            "rows_changed": revisions["rows_changed"].astype(int),
            "rows_removed": revisions["rows_removed"].astype(int),
            "note": revisions["note"].fillna("").where(~seeded, text("shell.seed_note", lang)),
        }
    ).reset_index(drop=True)


def audit_headers(lang: str = "zh") -> dict[str, str]:
    """Column headers of :func:`audit_table` in ``lang`` (the time's says it is Beijing time)."""
    return {column: text(f"audit.col.{column}", lang) for column in AUDIT_COLUMNS}
