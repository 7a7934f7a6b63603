"""What keeps one request from holding the server: the gate on concurrent model work, waited for
without holding a thread, and the deadline after which a request's work stops.

The gate is awaited on the event loop (no worker thread is parked while a request waits for a
slot), with ``queue_seconds`` as the longest wait; the work itself then runs in a thread. It works
across event loops (a test client runs one per request), so it is built on a lock, not on an
``asyncio.Semaphore`` bound to one loop.
"""

from __future__ import annotations

import asyncio
import threading
import time
from collections import deque
from typing import Any, Callable

from .errors import BusyError, DeadlineExceeded


class _Waiter:
    __slots__ = ("loop", "future")

    def __init__(self, loop: asyncio.AbstractEventLoop):
        self.loop = loop
        self.future = loop.create_future()


def _wake(fut: asyncio.Future) -> None:
    if not fut.done():
        fut.set_result(None)


class Gate:
    """``slots`` units of work at once; a waiter is handed a slot in arrival order. A waiter
    owns its slot the moment it leaves the queue (under the lock), whatever its future says."""

    def __init__(self, slots: int):
        self.slots = slots
        self._free = slots
        self._lock = threading.Lock()
        self._waiters: deque[_Waiter] = deque()

    @property
    def waiting(self) -> int:
        return len(self._waiters)

    async def acquire(self, timeout: float) -> bool:
        with self._lock:
            if self._free > 0 and not self._waiters:
                self._free -= 1
                return True
            w = _Waiter(asyncio.get_running_loop())
            self._waiters.append(w)
        try:
            await asyncio.wait_for(w.future, timeout)
            return True
        except asyncio.TimeoutError:
            with self._lock:
                if w in self._waiters:
                    self._waiters.remove(w)
                    return False
            return True  # handed a slot just as the wait ran out: it is ours
        except BaseException:  # cancelled (the client went away): give back a slot handed to us
            with self._lock:
                if w in self._waiters:
                    self._waiters.remove(w)
                    raise
            self.release()
            raise

    def release(self) -> None:
        with self._lock:
            if self._waiters:
                w = self._waiters.popleft()
                w.loop.call_soon_threadsafe(_wake, w.future)
                return
            self._free += 1

    async def run(self, fn: Callable[[], Any], queue_seconds: float) -> Any:
        """``fn()`` in a worker thread once a slot is free; 503 :class:`BusyError` after ``queue_seconds``."""
        from starlette.concurrency import run_in_threadpool

        if not await self.acquire(queue_seconds):
            raise BusyError(queue_seconds)
        try:
            return await run_in_threadpool(fn)
        finally:
            self.release()


class Deadline:
    """``seconds`` from its start; :meth:`check` (an ``on_stage``/``progress`` hook) raises
    :class:`DeadlineExceeded` once they have passed, so the work stops between stages."""

    def __init__(self, seconds: float):
        self.seconds = seconds
        self.start = time.monotonic()

    def restart(self) -> "Deadline":
        self.start = time.monotonic()
        return self

    def check(self, stage: Any = "the next stage", *_: Any) -> None:
        if time.monotonic() - self.start > self.seconds:
            raise DeadlineExceeded(self.seconds, stage if isinstance(stage, str) else "the next model batch")

    def on_stage(self, name: str) -> None:
        self.check(name)

    def progress(self, done: int, total: int) -> None:
        self.check("the next model batch")
