"""Fixtures of the differential conformance suite: both targets, logged in, and the comparison.

Run (both servers must be running; nothing is skipped when one is missing):

    SCICAT_PEER_URL=http://127.0.0.1:3450/api/v3 APP_URL=http://localhost:3000 \\
    SCICAT_USERNAME=… SCICAT_PASSWORD=… python3 -m pytest clients/scicat-compat/conformance -q -p no:cacheprovider

At the end a table (call | SciCat | ours | verdict) is printed, and written to the file named by
CONFORMANCE_REPORT if set.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Callable, Iterator
from itertools import count

import httpx
import pytest

from compare import DIFFERS, ON_PURPOSE, Row, compare_recordings, failure_message
from differences import DIFFERENCES
from shape import Session
from targets import OURS, PEER, Target, our_target, peer_target

Scenario = Callable[[Session], None]
REPORT: list[Row] = []
RUN = uuid.uuid4().hex[:8]
_scenario_numbers = count(1)


def login(target: Target) -> str:
    """A token of the target's functional account; the peer being down fails the run with the fix."""
    try:
        response = httpx.post(
            f"{target.api_base}/auth/login", json={"username": target.username, "password": target.password}, timeout=60
        )
    except httpx.HTTPError as error:
        hint = " start the peer: bash scripts/scicat-peer.sh start" if target.name == PEER else ""
        pytest.fail(f"{target.name} is not reachable at {target.api_base}: {error}.{hint}", pytrace=False)
    if response.status_code != 201 or "id" not in response.json():
        pytest.fail(f"{target.name}: login of {target.username} answered {response.status_code} {response.text[:300]}", pytrace=False)
    return str(response.json()["id"])


@pytest.fixture(scope="session")
def peer() -> Target:
    return peer_target()


@pytest.fixture(scope="session")
def ours(peer: Target) -> Target:
    return our_target(peer)


@pytest.fixture(scope="session")
def tokens(peer: Target, ours: Target) -> dict[str, str]:
    """One login per target for the whole run (the peer's tokens last an hour)."""
    return {PEER: login(peer), OURS: login(ours)}


@pytest.fixture
def sessions(peer: Target, ours: Target, tokens: dict[str, str]) -> Iterator[tuple[Session, Session]]:
    """A fresh recording session per target, each with a suffix unique per run, scenario and target.

    Ids never collide with earlier runs on the long-lived peer, nor between the targets when both
    point at the same server (APP_URL=the peer's root runs the suite peer against peer, a check of
    the suite itself: only the deliberate differences then fail).
    """
    number = next(_scenario_numbers)
    pair = (Session(peer, tokens[PEER], f"{RUN}{number:02d}0"), Session(ours, tokens[OURS], f"{RUN}{number:02d}1"))
    yield pair
    for session in pair:
        session.http.close()


@pytest.fixture
def conformance(request: pytest.FixtureRequest, sessions: tuple[Session, Session]) -> Callable[[Scenario], tuple[Session, Session]]:
    """`conformance(scenario)` runs it on SciCat, then on ours, compares and fails with a readable diff."""

    def run(scenario: Scenario) -> tuple[Session, Session]:
        peer_session, our_session = sessions
        scenario(peer_session)
        scenario(our_session)
        rows = compare_recordings(request.node.name, peer_session.calls, our_session.calls)
        REPORT.extend(rows)
        if any(row.verdict == DIFFERS for row in rows):
            pytest.fail(f"ours differs from SciCat in {request.node.name}:\n{failure_message(rows)}", pytrace=False)
        return sessions

    return run


def _table(rows: list[Row]) -> str:
    """The report as a Markdown table, and the reasons of the differences kept on purpose."""
    lines = ["| call | SciCat | ours | verdict |", "|---|---|---|---|"]
    for row in rows:
        verdict = row.verdict
        if row.verdict == DIFFERS:
            verdict = f"DIFFERS: {'; '.join(row.problems)[:300]}"
        elif row.verdict == ON_PURPOSE:
            verdict = f"different on purpose: {DIFFERENCES[row.label].reason}"
        cells = [row.label, row.peer, row.ours, verdict]
        lines.append("| " + " | ".join(c.replace("|", "\\|").replace("\n", " ") for c in cells) + " |")
    agreed = sum(r.verdict == "agreed" for r in rows)
    purpose = sum(r.verdict == ON_PURPOSE for r in rows)
    differs = sum(r.verdict == DIFFERS for r in rows)
    lines.append("")
    lines.append(f"{len(rows)} calls: {agreed} agreed, {purpose} different on purpose, {differs} differ")
    extras = sorted({f"{r.label}: {', '.join(r.extra)}" for r in rows if r.extra})
    if extras:
        lines.append("")
        lines.append("Fields only ours returns (allowed):")
        lines += [f"- {e[:400]}" for e in extras]
    return "\n".join(lines)


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """Print the conformance table; write it to $CONFORMANCE_REPORT too."""
    if not REPORT:
        return
    table = _table(REPORT)
    terminalreporter.section("SciCat conformance")
    terminalreporter.write_line(table)
    destination = os.environ.get("CONFORMANCE_REPORT")
    if destination:
        with open(destination, "w", encoding="utf-8") as report:
            report.write(table + "\n")
