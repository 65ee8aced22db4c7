"""Schema-driven fuzzing of the HTTP API with schemathesis (shared by the CI test and the benchmark).

`fuzz(schema, keys, examples=N)` walks every operation of `/openapi.json`,
draws up to N cases per operation, key and generation mode (positive: inputs
the schema allows; negative: inputs it forbids) with Hypothesis, sends each
one and runs three checks on the answer:

- `not_a_server_error` — no 5xx;
- `status_code_conformance` — the status code is one the operation documents;
- `response_schema_conformance` — the body matches the documented response.

Failures are collected, not raised, so one run reports all of them with the
request that caused each. Generation is derandomised (the same inputs every
run for a given `seed`), shrinking is off and Hypothesis keeps no example
database, so a CI run is bounded and leaves no files behind.

Not for load (see `benchmarks/load_bench.py`).
"""
from __future__ import annotations

import time
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

CHECK_NAMES = ("not_a_server_error", "status_code_conformance", "response_schema_conformance")


@dataclass
class Failure:
    """One failed check: which operation, key and check, the status, the request and the message."""

    operation: str
    who: str
    check: str
    status: int | None
    request: str
    message: str

    def line(self) -> str:
        return f"{self.operation} [{self.who}] {self.check} → {self.status}: {self.message[:300]} | {self.request[:300]}"


@dataclass
class FuzzReport:
    """Counts of one fuzz run: requests sent, per status class, failures (with details)."""

    requests: int = 0
    operations: int = 0
    seconds: float = 0.0
    statuses: Counter = field(default_factory=Counter)
    failures: list[Failure] = field(default_factory=list)

    @property
    def server_errors(self) -> int:
        return sum(n for s, n in self.statuses.items() if s >= 500)

    def failed_checks(self) -> Counter:
        return Counter(f.check for f in self.failures)

    def summary(self) -> str:
        by_class = Counter()
        for s, n in self.statuses.items():
            by_class[f"{s // 100}xx"] += n
        return (f"{self.requests} requests over {self.operations} operations in {self.seconds:.0f} s; "
                f"status classes {dict(sorted(by_class.items()))}; server errors {self.server_errors}; "
                f"failed checks {dict(self.failed_checks()) or 0}")


def _checks():
    from schemathesis.checks import not_a_server_error
    from schemathesis.specs.openapi.checks import response_schema_conformance, status_code_conformance

    return [not_a_server_error, status_code_conformance, response_schema_conformance]


def _describe(case: Any) -> str:
    body = getattr(case, "body", None)
    b = repr(body)
    if len(b) > 200:
        b = b[:200] + "…"
    return (f"{case.method} {case.formatted_path} query={getattr(case, 'query', None)!r} "
            f"body={b}")


def _failure_items(exc: BaseException):
    """(check name, message) for every failure inside a schemathesis failure (group)."""
    subs = getattr(exc, "exceptions", None)
    if subs:
        for e in subs:
            yield from _failure_items(e)
        return
    title = getattr(exc, "title", "") or type(exc).__name__
    name = {"Server error": "not_a_server_error",
            "Undocumented HTTP status code": "status_code_conformance",
            "Response violates schema": "response_schema_conformance"}.get(title, title)
    msg = getattr(exc, "message", None) or str(exc)
    yield name, " ".join(str(msg).split())


def _runner(strategy, label: str, who: str, headers: dict, base_url: str | None, checks, report: FuzzReport,
            examples: int, seed: int):
    """A Hypothesis test sending each drawn case and recording its status and failed checks."""
    import hypothesis
    from hypothesis import HealthCheck, Phase

    kw = {"base_url": base_url} if base_url else {}

    @hypothesis.settings(max_examples=examples, database=None, derandomize=True, deadline=None,
                         phases=[Phase.explicit, Phase.generate],
                         suppress_health_check=list(HealthCheck), report_multiple_bugs=False)
    @hypothesis.seed(seed)
    @hypothesis.given(case=strategy)
    def run(case):
        # the key is ours, not generated: drop any X-API-Key the schema's security scheme made up
        case.headers = {k: v for k, v in (case.headers or {}).items() if k.lower() != "x-api-key"}
        try:
            resp = case.call(headers=headers, **kw)
        except Exception as e:  # the transport raised: an unhandled server exception
            report.requests += 1
            report.statuses[599] += 1
            report.failures.append(Failure(label, who, "not_a_server_error", None, _describe(case),
                                           f"{type(e).__name__}: {e}"))
            return
        report.requests += 1
        report.statuses[resp.status_code] += 1
        try:
            case.validate_response(resp, checks=checks, headers=headers, transport_kwargs=kw or None)
        except (Exception, BaseExceptionGroup) as e:  # schemathesis raises a FailureGroup
            for name, msg in _failure_items(e):
                report.failures.append(Failure(label, who, name, resp.status_code, _describe(case), msg))

    return run


def fuzz(schema, keys: dict[str, str | None], *, examples: int = 10, seed: int = 0,
         modes: tuple[str, ...] = ("positive", "negative"), base_url: str | None = None,
         operations: set[str] | None = None, progress=None) -> FuzzReport:
    """Fuzz every operation of `schema` (a loaded schemathesis schema) with each key.

    Args:
        schema: `schemathesis.openapi.from_asgi(...)` or `from_url(...)`.
        keys: {label: API key or None (no key header)}.
        examples: maximum cases per (operation, key, mode).
        seed: Hypothesis seed (derandomised: same inputs for the same seed).
        modes: "positive" and/or "negative".
        base_url: for a schema loaded from a live server.
        operations: only these ("GET /v1/…"), default all.
        progress: optional callable(str) told after each operation.
    Returns:
        FuzzReport with every failure.
    """
    import hypothesis
    from schemathesis import GenerationMode

    checks = _checks()
    report = FuzzReport()
    t0 = time.perf_counter()
    ops = []
    for res in schema.get_all_operations():
        op = res.ok()
        label = f"{op.method.upper()} {op.path}"
        if operations is None or label in operations:
            ops.append((label, op))
    report.operations = len(ops)
    for label, op in ops:
        for who, key in keys.items():
            headers = {"X-API-Key": key} if key else {}
            for mode in modes:
                gm = GenerationMode.POSITIVE if mode == "positive" else GenerationMode.NEGATIVE
                try:
                    strategy = op.as_strategy(generation_mode=gm)
                except Exception as e:  # an operation that cannot be negated (nothing to violate)
                    if mode == "negative":
                        continue
                    raise AssertionError(f"{label}: cannot build a strategy: {e}") from e

                run = _runner(strategy, label, who, headers, base_url, checks, report, examples, seed)
                try:
                    run()
                except hypothesis.errors.Unsatisfiable:
                    pass
        if progress:
            progress(f"{label}: {report.requests} requests so far, {len(report.failures)} failures")
    report.seconds = time.perf_counter() - t0
    return report
