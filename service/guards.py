"""Guards in front of the routes: failed-key throttling per client and a bounded request queue.

- `KeyThrottle`: after `limit` failed API keys from one client address within
  `window` seconds, every request of that address carrying a key gets 429
  with Retry-After until the window has passed — even with a right key, so
  guessing cannot go on at full speed. Counted per worker process, in
  memory, for at most `max_clients` addresses (the oldest are forgotten).
- `Backpressure`: ASGI middleware admitting at most `limit` requests at
  once per worker, and none that would wait longer than `max_wait`
  seconds: the expected wait is the requests in progress over the rate at
  which this worker finishes them while busy (Little's law over the last
  `window` seconds, counting only the time some request was in progress —
  a worker that was mostly idle has not shown its pace, and a burst after
  a quiet spell is served, not shed; applied from `min_queue` requests in
  progress, so a lone slow request is never shed). The next one gets 503
  with Retry-After at once instead of waiting in a queue that only grows —
  on a machine busy with other work the count alone let requests wait a
  minute (clients retry; nothing is half done). `/healthz` is never queued.

Not for authentication itself (`service.auth`) or business rules.
"""
from __future__ import annotations

import math
import threading
import time
from collections import OrderedDict, deque

from fastapi.responses import JSONResponse


class KeyThrottle:
    """Failed-key counts per client address in a sliding window."""

    def __init__(self, limit: int = 20, window: float = 60.0, max_clients: int = 10000):
        self.limit, self.window, self.max_clients = int(limit), float(window), int(max_clients)
        self._fails: OrderedDict[str, deque[float]] = OrderedDict()
        self._lock = threading.Lock()

    def _recent(self, addr: str, now: float) -> deque[float]:
        q = self._fails.get(addr)
        if q is None:
            return deque()
        while q and now - q[0] > self.window:
            q.popleft()
        if not q:
            self._fails.pop(addr, None)
        return q

    def retry_after(self, addr: str) -> int:
        """Seconds this address must wait (0 when it may try a key now)."""
        if self.limit <= 0:
            return 0
        now = time.monotonic()
        with self._lock:
            q = self._recent(addr, now)
            if len(q) < self.limit:
                return 0
            return max(1, math.ceil(self.window - (now - q[-self.limit])))

    def failed(self, addr: str) -> None:
        """Count one failed key of this address."""
        now = time.monotonic()
        with self._lock:
            q = self._fails.setdefault(addr, deque())
            self._fails.move_to_end(addr)
            q.append(now)
            while len(q) > self.limit + 1:
                q.popleft()
            while len(self._fails) > self.max_clients:
                self._fails.popitem(last=False)


class Backpressure:
    """ASGI middleware: at most `limit` requests in progress per worker, none expected to wait more than
    `max_wait` seconds; 503 + Retry-After beyond (see the module)."""

    def __init__(self, app, limit: int, retry_after: int = 1, exempt: tuple[str, ...] = ("/healthz",), *,
                 max_wait: float = 0.0, min_queue: int = 8, window: float = 5.0):
        self.app, self.limit, self.retry_after, self.exempt = app, int(limit), int(retry_after), exempt
        self.max_wait, self.min_queue, self.window = float(max_wait), int(min_queue), float(window)
        self.in_flight = 0
        self._done: deque[tuple[float, float]] = deque()  # (finishing time, busy seconds then) in the window
        self._busy = 0.0  # seconds with at least one request in progress, since start
        self._busy_ref = 0.0  # `_busy` when the oldest finishing time in the window was dropped
        self._last = time.monotonic()

    def _tick(self, now: float) -> None:
        """Count the time since the last change as busy when a request was in progress."""
        if self.in_flight > 0:
            self._busy += now - self._last
        self._last = now

    def expected_wait(self, now: float | None = None) -> float:
        """Seconds a request admitted now would wait: in progress / finishing rate while busy
        (0 without history)."""
        now = time.monotonic() if now is None else now
        self._tick(now)
        while self._done and now - self._done[0][0] > self.window:
            self._busy_ref = self._done.popleft()[1]
        busy = self._busy - self._busy_ref
        if not self._done or busy <= 0:  # nothing finished lately (idle, or a first burst): only the count bounds
            return 0.0
        return self.in_flight * busy / len(self._done)

    def _shed(self) -> tuple[bool, int]:
        if self.limit > 0 and self.in_flight >= self.limit:
            return True, self.retry_after
        if self.max_wait > 0 and self.in_flight >= self.min_queue:
            wait = self.expected_wait()
            if wait > self.max_wait:
                return True, max(self.retry_after, min(30, math.ceil(wait - self.max_wait)))
        return False, 0

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http" or (self.limit <= 0 and self.max_wait <= 0) or scope.get("path") in self.exempt:
            return await self.app(scope, receive, send)
        shed, retry = self._shed()
        if shed:
            resp = JSONResponse(status_code=503, headers={"Retry-After": str(retry)},
                                content={"detail": f"服务繁忙（正在处理的请求已达上限），请 {retry} 秒后重试"})
            return await resp(scope, receive, send)
        self._tick(time.monotonic())
        self.in_flight += 1  # one event loop per worker: no lock needed
        try:
            return await self.app(scope, receive, send)
        finally:
            now = time.monotonic()
            self._tick(now)
            self.in_flight -= 1
            self._done.append((now, self._busy))
