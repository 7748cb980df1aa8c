"""Who may write: the analyst passcode, compared in constant time, with failures slowed down.

A deployment sets ``PLAN_ADMIN_PASSCODE`` (environment or Streamlit secrets). When it is set,
every write (upload commit, restore, catalog import, saved scenario) asks for it; when it is
not, writes are open and the pages say so. One :class:`PasscodeGate` lives per server process:
after each wrong passcode the next attempt is refused for a delay that doubles (1 s, 2 s,
4 s, ... up to 60 s), so guessing is slow; a right passcode resets the count.
"""
from __future__ import annotations

import hmac
import threading
import time
from dataclasses import dataclass
from typing import Callable

FIRST_DELAY_SECONDS = 1.0
MAX_DELAY_SECONDS = 60.0


@dataclass(frozen=True)
class Verdict:
    """The answer to one attempt: allowed, or refused (``wait_seconds`` > 0 when throttled)."""

    allowed: bool
    wait_seconds: float = 0.0


class PasscodeGate:
    def __init__(self, passcode: str | None, *, clock: Callable[[], float] = time.monotonic) -> None:
        self._passcode = (passcode or "").encode("utf-8")
        self._clock = clock
        self._lock = threading.Lock()
        self._failures = 0
        self._blocked_until = 0.0

    @property
    def required(self) -> bool:
        """Whether a passcode is configured (otherwise every write is allowed)."""
        return bool(self._passcode)

    def check(self, given: str | None) -> Verdict:
        """Allow or refuse one write attempt with the passcode ``given``."""
        if not self.required:
            return Verdict(True)
        with self._lock:
            now = self._clock()
            if now < self._blocked_until:
                return Verdict(False, self._blocked_until - now)
            if hmac.compare_digest((given or "").encode("utf-8"), self._passcode):
                self._failures = 0
                return Verdict(True)
            self._failures += 1
            delay = min(FIRST_DELAY_SECONDS * 2 ** (self._failures - 1), MAX_DELAY_SECONDS)
            self._blocked_until = now + delay
            return Verdict(False, delay)
