"""Passwords: Argon2id hashes (never the password itself) and the policy a new password must meet.

Passwords are hashed and checked in Unicode NFKC form (as NIST SP 800-63B advises), so the
same password typed with a full-width input method (ａｂｃ１２３) matches.

The hasher is argon2-cffi's ``PasswordHasher`` with its defaults (RFC 9106 low-memory profile:
3 passes over 64 MiB, 4 lanes). When those defaults change in a later release, :func:`needs_rehash`
says so and sign-in stores a fresh hash the next time the right password is given.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from analytics.labels import text

# Looked up at each call (not bound as a default argument), so tests may swap in a cheaper one.
DEFAULT_HASHER = PasswordHasher()
MIN_PASSWORD_LENGTH = 10


@dataclass(frozen=True)
class PasswordProblem:
    """One way a proposed password breaks the policy: a label key and the values of its message."""

    key: str
    values: Mapping[str, object] = field(default_factory=dict)

    def message(self, lang: str = "zh") -> str:
        return text(self.key, lang, **self.values)


def password_problems(name: str, password: str) -> tuple[PasswordProblem, ...]:
    """Everything wrong with ``password`` for the account ``name`` (empty: acceptable).

    At least :data:`MIN_PASSWORD_LENGTH` characters, not only digits, not the account name
    (ignoring case, width and surrounding spaces). The messages never repeat the password.
    """
    password = unicodedata.normalize("NFKC", password)
    problems = []
    if len(password) < MIN_PASSWORD_LENGTH:
        problems.append(PasswordProblem("accounts.password.too_short", {"minimum": MIN_PASSWORD_LENGTH}))
    if password.isdigit():
        problems.append(PasswordProblem("accounts.password.all_digits"))
    if password.strip().casefold() == unicodedata.normalize("NFKC", name).strip().casefold():
        problems.append(PasswordProblem("accounts.password.equals_name"))
    return tuple(problems)


def hash_password(password: str, *, hasher: PasswordHasher | None = None) -> str:
    """A new salted Argon2id hash of ``password`` (a different string on every call)."""
    return (hasher or DEFAULT_HASHER).hash(unicodedata.normalize("NFKC", password))


def verify_password(password_hash: str, password: str, *, hasher: PasswordHasher | None = None) -> bool:
    """Whether ``password`` matches ``password_hash``; a malformed or empty hash matches nothing."""
    try:
        return (hasher or DEFAULT_HASHER).verify(password_hash, unicodedata.normalize("NFKC", password))
    except (VerificationError, InvalidHashError):
        return False


def needs_rehash(password_hash: str, *, hasher: PasswordHasher | None = None) -> bool:
    """Whether ``password_hash`` was made with other parameters than ``hasher`` (default: today's) uses."""
    try:
        return (hasher or DEFAULT_HASHER).check_needs_rehash(password_hash)
    except InvalidHashError:
        return True
