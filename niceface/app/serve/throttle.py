"""Throttling of password guesses: attempts are counted *before* the (slow) hash is checked.

A ``Throttle`` counts attempts per key. The first ``free`` attempts pass; after them each new
attempt must wait 1, 2, 4 ... up to ``longest`` seconds after the previous one (a wait, never
a lockout), and a key is forgotten after ``forget`` quiet seconds. An attempt is reserved
(counted) the moment it is allowed, so that 200 guesses sent at once are not all allowed
because none of them has failed yet: at most ``free`` of them are.
"""
from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field

#: beyond this many keys, the quietest half is forgotten (a flood of names or addresses)
MAX_KEYS = 100_000


@dataclass(slots=True)
class _Count:
    attempts: int
    last: float


@dataclass
class Throttle:
    """Attempts per key; ``reserve`` counts one or says how long to wait."""

    free: int = 5
    longest: float = 300.0
    forget: float = 900.0
    clock: Callable[[], float] = time.monotonic
    _counts: dict[str, _Count] = field(default_factory=dict, init=False, repr=False)
    lock: threading.RLock = field(default_factory=threading.RLock, init=False, repr=False)

    def wait(self, key: str) -> float:
        """Seconds until ``key`` may try again (0: now)."""
        with self.lock:
            count = self._current(key)
        if count is None or count.attempts < self.free:
            return 0.0
        delay = min(2.0 ** (count.attempts - self.free), self.longest)
        return max(0.0, count.last + delay - self.clock())

    def reserve(self, key: str, *, check: bool = True) -> float:
        """Count an attempt for ``key`` and return 0, or (when ``check`` and it must wait)
        count nothing and return the seconds to wait."""
        with self.lock:
            wait = self.wait(key) if check else 0.0
            if wait == 0.0:
                now = self.clock()
                count = self._current(key)
                self._counts[key] = _Count(count.attempts + 1 if count else 1, now)
                self._prune()
            return wait

    def release(self, key: str) -> None:
        """Take back one reserved attempt (it succeeded, or was never made)."""
        with self.lock:
            count = self._counts.get(key)
            if count is not None:
                count.attempts -= 1
                if count.attempts <= 0:
                    del self._counts[key]

    def clear(self, key: str) -> None:
        with self.lock:
            self._counts.pop(key, None)

    def known(self, key: str) -> bool:
        """True if ``key`` has attempts on record."""
        with self.lock:
            return self._current(key) is not None

    def _current(self, key: str) -> _Count | None:
        count = self._counts.get(key)
        if count is not None and self.clock() - count.last > self.forget:
            del self._counts[key]
            return None
        return count

    def _prune(self) -> None:
        if len(self._counts) > MAX_KEYS:
            for stale in sorted(self._counts, key=lambda k: self._counts[k].last)[: MAX_KEYS // 2]:
                del self._counts[stale]
