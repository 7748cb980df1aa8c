"""The analyst passcode: right and wrong answers, and failures slowed down."""
from analytics.access import PasscodeGate


class FakeClock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_no_passcode_configured_allows_every_write():
    gate = PasscodeGate(None)
    assert not gate.required
    assert gate.check(None).allowed and gate.check("anything").allowed


def test_right_passcode_is_allowed_and_wrong_ones_are_slowed_down():
    clock = FakeClock()
    gate = PasscodeGate("海盐-2025", clock=clock)
    assert gate.required
    assert gate.check("海盐-2025").allowed
    first = gate.check("guess")
    assert not first.allowed and first.wait_seconds == 1.0
    # Even the right passcode is refused while throttled: guessing cannot go faster.
    assert gate.check("海盐-2025").wait_seconds == 1.0
    clock.now += 1.0
    assert gate.check("guess2").wait_seconds == 2.0  # delays double: 1, 2, 4, ...
    clock.now += 2.0
    assert gate.check("guess3").wait_seconds == 4.0
    clock.now += 4.0
    assert gate.check("海盐-2025").allowed
    clock.now += 0.0
    assert gate.check("again wrong").wait_seconds == 1.0  # a success resets the count


def test_delay_is_capped_at_a_minute():
    clock = FakeClock()
    gate = PasscodeGate("x", clock=clock)
    waits = []
    for _ in range(10):
        waits.append(gate.check("y").wait_seconds)
        clock.now += waits[-1]
    assert waits[:7] == [1, 2, 4, 8, 16, 32, 60] and max(waits) == 60
