"""What a deployment decides about access: whether reading needs a login, and the legacy passcode.

Both come from the environment or Streamlit secrets (``PLAN_READ_REQUIRES_LOGIN``,
``PLAN_ADMIN_PASSCODE``); a fresh install reads without a login and writes with one.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from analytics.accounts.errors import InvalidSetting

TRUE_WORDS = frozenset({"1", "true", "yes", "on"})
FALSE_WORDS = frozenset({"", "0", "false", "no", "off"})


@dataclass(frozen=True)
class AccessSettings:
    read_requires_login: bool = False
    legacy_passcode: str | None = field(default=None, repr=False)


def access_settings(values: Mapping[str, str]) -> AccessSettings:
    """Read the settings from ``values`` (``os.environ``, or secrets); a misspelt switch is an error."""
    raw = values.get("PLAN_READ_REQUIRES_LOGIN", "").strip().lower()
    if raw not in TRUE_WORDS | FALSE_WORDS:
        raise InvalidSetting("PLAN_READ_REQUIRES_LOGIN", given=raw)
    return AccessSettings(
        read_requires_login=raw in TRUE_WORDS,
        legacy_passcode=values.get("PLAN_ADMIN_PASSCODE") or None,
    )
