"""Recording calls against one target and comparing two recordings call by call.

A scenario is a function `scenario(session) -> None` that talks to one server through a `Session`
(direct HTTP) or through a real client (pyscicat, scitacean) inside `session.step(...)`, where every
HTTP request the client makes is recorded. The same scenario runs on the SciCat peer and on ours;
`compare_recordings` then checks, call by call:

- the same labels in the same order (a client that stops early on one side shows up here),
- the same status class (2xx / 4xx / 5xx, or for a client step: completed / raised),
- for 2xx JSON answers: every field SciCat returns is present in ours with the same JSON type,
  recursively (arrays: the first elements are compared when both are non-empty); extra fields of
  ours are reported, never failed,
- the values a scenario pinned with `checks` (totals, titles, counts, membership), on both sides,
- the deliberate differences of `differences.py` instead of the above for the calls they name.

Volatile fields are not compared at all: Mongo's `_id`/`__v`, generated `id`s, the audit
timestamps and users (`createdAt`, `updatedAt`, `createdBy`, `updatedBy`). A `null` in SciCat's
answer is Mongo's "unset" (e.g. `instrumentId: null` appears only after a PATCH), so it requires
nothing of ours; both clients read a missing field and a null alike.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import unquote, urlsplit

import httpx

from targets import Target

VOLATILE_FIELDS = frozenset({"_id", "__v", "id", "createdAt", "updatedAt", "createdBy", "updatedBy"})

JSON = Any


@dataclass(frozen=True)
class Check:
    """A value a scenario pins on a call's answer; it must hold on both targets."""

    description: str
    holds: Callable[[JSON], bool]
    on: str | None = None  # a target name: the check applies to that target's answer only


@dataclass
class Call:
    """One recorded exchange: an HTTP request, or the outcome of a client step (status None)."""

    label: str
    method: str
    url: str
    status: int | None
    body: JSON
    checks: tuple[Check, ...] = ()
    outcome: str | None = None  # client steps: "completed" or "raised <Error>: <message>"
    target: str = ""

    @property
    def status_class(self) -> str:
        """2xx/4xx/5xx for HTTP calls, completed/raised for client steps, unreachable if no answer."""
        if self.outcome is not None:
            return "completed" if self.outcome == "completed" else "raised"
        if self.status is None:
            return "unreachable"
        return f"{self.status // 100}xx"

    @property
    def shown_status(self) -> str:
        """The status as the report table shows it."""
        if self.outcome is not None:
            return self.outcome.split(":")[0]
        return "no answer" if self.status is None else str(self.status)


def json_of(response: httpx.Response | Any) -> JSON:
    """The JSON body of a response, its text if it is not JSON, None if it is empty."""
    text = response.text
    if not text:
        return None
    try:
        return response.json()
    except ValueError:
        return text


def path_template(url: str) -> str:
    """`/api/v3/Datasets/20.500.12345%2Fab-12/origdatablocks?x` -> `v3/Datasets/{id}/origdatablocks`.

    Labels of client-made calls must be equal on both targets although ids differ, so every path
    segment that is not a plain word (it has digits, dots, dashes or an encoded slash) becomes {id}.
    """
    path = urlsplit(url).path
    if "/api/" in path:
        path = path.split("/api/", 1)[1]
    segments = [s if re.fullmatch(r"[A-Za-z]+|v\d+", unquote(s)) else "{id}" for s in path.split("/") if s]
    return "/".join(segments)


class Session:
    """One target, logged in, recording every call of one scenario run."""

    def __init__(self, target: Target, token: str, suffix: str) -> None:
        self.target = target
        self.token = token
        self.suffix = suffix
        self.calls: list[Call] = []
        self._step: str | None = None
        self.http = httpx.Client(timeout=60.0)

    @property
    def owner_group(self) -> str:
        return self.target.owner_group

    def request(
        self,
        label: str,
        method: str,
        path: str,
        *,
        version: str = "v3",
        json_body: JSON = None,
        params: dict[str, Any] | None = None,
        auth: str = "header",
        token: str | None = None,
        checks: tuple[Check, ...] = (),
    ) -> Call:
        """Send one request and record it. auth: header (Bearer), query (access_token), none."""
        headers: dict[str, str] = {}
        query = dict(params or {})
        secret = self.token if token is None else token
        if auth == "header":
            headers["Authorization"] = f"Bearer {secret}"
        elif auth == "query":
            query["access_token"] = secret
        url = self.target.url(path, version)
        try:
            response = self.http.request(method, url, json=json_body, params=query or None, headers=headers)
            call = Call(label, method, url, response.status_code, json_of(response), checks, target=self.target.name)
        except httpx.HTTPError as error:
            call = Call(label, method, url, None, {"transport error": str(error)}, checks, target=self.target.name)
        self.calls.append(call)
        return call

    def record_client_request(self, method: str, url: str, status: int | None, body: JSON) -> None:
        """Called by the capture hooks for every request a client library makes inside a step."""
        step = self._step or "client"
        label = f"{step}: {method.upper()} {path_template(url)}"
        taken = {c.label for c in self.calls}
        if label in taken:  # a client making the same call twice in one step: number the repeats
            label = next(f"{label} #{n}" for n in range(2, 1000) if f"{label} #{n}" not in taken)
        self.calls.append(Call(label, method.upper(), url, status, body, target=self.target.name))

    @contextmanager
    def step(self, label: str, *, checks: tuple[Check, ...] = ()) -> Iterator[dict[str, Any]]:
        """A client step: its HTTP calls are recorded, then its outcome (completed or raised).

        An exception is recorded, not raised, so the scenario goes on and every later divergence is
        reported too; the yielded dict carries the step's results (`result["value"] = ...`), and the
        checks run on it.
        """
        from capture import capturing

        result: dict[str, Any] = {}
        self._step = label
        outcome = "completed"
        try:
            with capturing(self):
                yield result
        except Exception as error:  # noqa: BLE001 - the outcome is compared, not the traceback
            outcome = f"raised {type(error).__name__}: {str(error)[:300]}"
        finally:
            self._step = None
        self.calls.append(
            Call(f"{label}: outcome", "STEP", "", None, result.get("value"), checks, outcome, self.target.name)
        )


def json_type(value: JSON) -> str:
    """The JSON type name of a decoded value (ints and floats are both numbers)."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, (int, float)):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "array"
    if isinstance(value, dict):
        return "object"
    return type(value).__name__


@dataclass
class ShapeDiff:
    """How ours differs in shape from SciCat's answer; `extra` never fails a comparison."""

    missing: list[str] = field(default_factory=list)
    mismatched: list[str] = field(default_factory=list)
    extra: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.missing and not self.mismatched


# Free-form metadata: its keys are whatever the record's client sent.
FREE_FORM_FIELDS = frozenset({"scientificMetadata", "sampleCharacteristics", "customMetadata", "metadata", "jobParameters"})


def compare_shape(peer: JSON, ours: JSON, path: str = "", in_list: bool = False) -> ShapeDiff:
    """Every field of `peer` must be in `ours` with the same JSON type, recursively.

    In a list, the first elements of the two answers are compared; they may be different records
    (a list of all instruments), so their free-form metadata is compared as objects, not by key.
    """
    diff = ShapeDiff()
    here = path or "(body)"
    if peer is None:
        return diff
    if json_type(peer) != json_type(ours):
        diff.mismatched.append(f"{here}: SciCat {json_type(peer)}, ours {json_type(ours)}")
        return diff
    if isinstance(peer, dict):
        for key, value in peer.items():
            if key in VOLATILE_FIELDS or value is None:
                continue
            child = f"{path}.{key}" if path else key
            if key not in ours:
                diff.missing.append(f"{child} ({json_type(value)})")
                continue
            if in_list and key in FREE_FORM_FIELDS:
                if json_type(value) != json_type(ours[key]):
                    diff.mismatched.append(f"{child}: SciCat {json_type(value)}, ours {json_type(ours[key])}")
                continue
            sub = compare_shape(value, ours[key], child, in_list)
            diff.missing += sub.missing
            diff.mismatched += sub.mismatched
            diff.extra += sub.extra
        diff.extra += [f"{path}.{k}" if path else k for k in ours if k not in peer and k not in VOLATILE_FIELDS]
    elif isinstance(peer, list) and peer and ours:
        sub = compare_shape(peer[0], ours[0], f"{path}[]", in_list=True)
        diff.missing += sub.missing
        diff.mismatched += sub.mismatched
        diff.extra += sub.extra
    return diff


def failed_checks(call: Call) -> list[str]:
    """The pinned values that do not hold on this call's answer."""
    failures = []
    for check in call.checks:
        if check.on is not None and check.on != call.target:
            continue
        try:
            holds = check.holds(call.body)
        except Exception as error:  # noqa: BLE001 - a missing field is a failed check
            holds = False
            failures.append(f"{check.description} (could not evaluate: {type(error).__name__} {error})")
            continue
        if not holds:
            failures.append(f"{check.description} (got {abbreviate(call.body)})")
    return failures


def abbreviate(value: JSON, limit: int = 300) -> str:
    """A JSON value shortened for a failure message."""
    text = json.dumps(value, default=str) if not isinstance(value, str) else value
    if text.lstrip().lower().startswith("<!doctype html"):
        return "(an HTML page)"
    return text if len(text) <= limit else text[:limit] + "…"


def dig(value: JSON, path: str) -> JSON:
    """`dig(body, "scientificMetadata.energy.value")`; a missing key raises KeyError."""
    for key in path.split("."):
        value = value[int(key)] if isinstance(value, list) else value[key]
    return value


def field_is(path: str, expected: JSON) -> Check:
    """The field at `path` equals `expected`."""
    return Check(f"{path} == {abbreviate(expected, 80)}", lambda body: dig(body, path) == expected)


def fields_are(expected: dict[str, JSON]) -> tuple[Check, ...]:
    """Several `field_is` checks."""
    return tuple(field_is(path, value) for path, value in expected.items())


def is_list_of(count: int) -> Check:
    """The answer is an array of `count` elements."""
    return Check(f"an array of {count}", lambda body: isinstance(body, list) and len(body) == count)


def values_are(key: str, expected: set[Any]) -> Check:
    """The answer is an array whose elements' `key` values are exactly `expected`."""
    return Check(
        f"{key} of the elements == {sorted(map(str, expected))}",
        lambda body: isinstance(body, list) and {dig(e, key) for e in body} == expected,
    )


def check(description: str, holds: Callable[[JSON], bool], on: str | None = None) -> Check:
    """An ad-hoc value check; `on` restricts it to one target's answer (a deliberate difference)."""
    return Check(description, holds, on)


def without_si(value: JSON) -> JSON:
    """scientificMetadata without the valueSI/unitSI the server adds, to compare with what was sent."""
    if isinstance(value, dict):
        return {k: without_si(v) for k, v in value.items() if k not in ("valueSI", "unitSI")}
    if isinstance(value, list):
        return [without_si(v) for v in value]
    return value


def metadata_is(expected: dict[str, JSON], path: str = "scientificMetadata") -> tuple[Check, ...]:
    """scientificMetadata equals what was sent, besides the valueSI/unitSI both servers add."""
    return (
        check(f"{path} (without valueSI/unitSI) == {abbreviate(expected, 120)}", lambda b: without_si(dig(b, path)) == expected),
    )
