"""Back-off after wrong passwords, kept per account and per client address, never per process.

Each key (an account name, a client address) counts its own failures: after the n-th the key is
blocked for ``min(1 s * 2**(n-1), 60 s)``, i.e. 1, 2, 4, 8, 16, 32, 60, 60, ... seconds. An
attempt is let through only when both its keys are free, so someone guessing one account from
many addresses is slowed by the account key, and one address trying many accounts by its address
key; one person's wrong passwords never block another person's account from another address.

A right password resets only that account's key. An address key (shared, say, by an office
behind one router) is not reset by one good sign-in; like every key it is forgotten once it has
seen no failure for ``forget_after`` seconds (10 minutes). IPv6 addresses are keyed by their /64
network, the block one subscriber is usually given, so rotating through it does not escape.

Checking a password takes a noticeable time (Argon2), so a sign-in holds its two keys for the
duration (:meth:`Throttle.attempt`): a second attempt on the same account or from the same
address meanwhile is told to wait, and parallel requests cannot slip many guesses past the
back-off before the first failure is counted.
"""

from __future__ import annotations

import ipaddress
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from analytics.accounts.repository import normalise_name

FIRST_DELAY_SECONDS = 1.0
MAX_DELAY_SECONDS = 60.0
FORGET_AFTER_SECONDS = 600.0
# Keys remembered at most; beyond it the key that failed longest ago is dropped first.
MAX_KEYS = 100_000


@dataclass
class _KeyState:
    failures: int
    blocked_until: float
    last_failure: float


class Throttle:
    """Failure counts per key, read through an injectable ``clock`` (seconds, monotonic)."""

    def __init__(
        self,
        *,
        clock: Callable[[], float] = time.monotonic,
        first_delay: float = FIRST_DELAY_SECONDS,
        max_delay: float = MAX_DELAY_SECONDS,
        forget_after: float = FORGET_AFTER_SECONDS,
        max_keys: int = MAX_KEYS,
    ) -> None:
        if forget_after < max_delay:
            raise ValueError("forget_after must be at least max_delay, or a blocked key would be forgotten early")
        self._clock = clock
        self._first_delay = first_delay
        self._max_delay = max_delay
        self._forget_after = forget_after
        self._max_keys = max_keys
        self._lock = threading.Lock()
        self._keys: dict[tuple[str, str], _KeyState] = {}
        self._in_flight: set[tuple[str, str]] = set()

    def check(self, account: str, address: str | None) -> float:
        """Seconds to wait before ``account`` may try again from ``address`` (0: try now)."""
        with self._lock:
            now = self._clock()
            return max((self._remaining(key, now) for key in _keys_of(account, address)), default=0.0)

    @contextmanager
    def attempt(self, account: str, address: str | None) -> Iterator[float]:
        """Hold ``account`` and ``address`` for one sign-in attempt; yields the seconds to wait.

        Yields 0 when the attempt may go ahead (then record its :meth:`failure` or :meth:`success`
        inside the block); while another attempt holds either key it yields ``first_delay``.
        The keys are released when the block ends, also on an exception.
        """
        keys = _keys_of(account, address)
        with self._lock:
            now = self._clock()
            wait = max((self._remaining(key, now) for key in keys), default=0.0)
            if wait == 0 and self._in_flight.intersection(keys):
                wait = self._first_delay
            held = keys if wait == 0 else []
            self._in_flight.update(held)
        try:
            yield wait
        finally:
            with self._lock:
                self._in_flight.difference_update(held)

    def failure(self, account: str, address: str | None) -> float:
        """Count one wrong password for both keys; the seconds until the next try is let through."""
        with self._lock:
            now = self._clock()
            for key in _keys_of(account, address):
                state = self._live(key, now)
                failures = 1 if state is None else state.failures + 1
                delay = min(self._first_delay * 2 ** (failures - 1), self._max_delay)
                self._keys.pop(key, None)  # re-inserted last: the dict stays ordered by last failure
                self._keys[key] = _KeyState(failures, now + delay, now)
            while len(self._keys) > self._max_keys:
                del self._keys[next(iter(self._keys))]
            return max((self._remaining(key, now) for key in _keys_of(account, address)), default=0.0)

    def success(self, account: str) -> None:
        """A right password for ``account``: its key starts over. Address keys are left to decay."""
        with self._lock:
            self._keys.pop(("account", normalise_name(account)), None)

    def _live(self, key: tuple[str, str], now: float) -> _KeyState | None:
        state = self._keys.get(key)
        if state is not None and now - state.last_failure >= self._forget_after:
            del self._keys[key]
            return None
        return state

    def _remaining(self, key: tuple[str, str], now: float) -> float:
        state = self._live(key, now)
        return 0.0 if state is None else max(state.blocked_until - now, 0.0)


def _keys_of(account: str, address: str | None) -> list[tuple[str, str]]:
    """The account's key, and the address's key when the address is known."""
    keys = [("account", normalise_name(account))]
    if address and address.strip():
        keys.append(("address", address_key(address)))
    return keys


def address_key(address: str) -> str:
    """The throttled unit for a client address: an IPv4 address itself, an IPv6 address's /64
    network (an IPv4-mapped IPv6 address as its IPv4 address), anything unparsable as given."""
    try:
        parsed = ipaddress.ip_address(address.strip())
    except ValueError:
        return address.strip()
    if isinstance(parsed, ipaddress.IPv6Address):
        if parsed.ipv4_mapped is not None:
            return str(parsed.ipv4_mapped)
        return str(ipaddress.IPv6Network((parsed, 64), strict=False))
    return str(parsed)
