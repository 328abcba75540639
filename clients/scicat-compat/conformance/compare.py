"""Comparing the peer's recording of a scenario with ours, call by call, into report rows.

`compare_recordings` never raises; it returns one `Row` per call (for the end-of-session table) and
the test asserts that no row has problems, with a readable diff as the failure message.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from differences import DIFFERENCES, Difference
from shape import Call, abbreviate, compare_shape, failed_checks

AGREED = "agreed"
ON_PURPOSE = "different on purpose"
DIFFERS = "DIFFERS"


@dataclass
class Row:
    """One line of the conformance table, and why it failed if it did."""

    scenario: str
    label: str
    peer: str
    ours: str
    verdict: str
    problems: list[str] = field(default_factory=list)
    extra: list[str] = field(default_factory=list)


def _outcome(call: Call | None) -> str:
    if call is None:
        return "(not made)"
    if call.outcome is not None:
        return call.shown_status
    return call.shown_status


def _shape_problems(peer: Call, ours: Call, row: Row) -> None:
    """Status class, then for 2xx JSON: SciCat's fields present in ours with the same types."""
    if peer.status_class != ours.status_class:
        row.problems.append(f"status: SciCat {peer.shown_status}, ours {ours.shown_status} {abbreviate(ours.body, 400)}")
        return
    if peer.status_class != "2xx" or not isinstance(peer.body, (dict, list)):
        return
    diff = compare_shape(peer.body, ours.body)
    row.problems += [f"missing in ours: {m}" for m in diff.missing]
    row.problems += [f"type differs: {m}" for m in diff.mismatched]
    row.extra += diff.extra


def _difference_problems(difference: Difference, peer: Call, ours: Call, peers: dict[str, Call], row: Row) -> None:
    """A deliberate difference: SciCat's status class as recorded, ours as decided, ours' checks."""
    if peer.status_class != difference.peer_status:
        row.problems.append(
            f"SciCat answered {peer.shown_status}, differences.py records {difference.peer_status} "
            f"({difference.scicat}); update the record: {abbreviate(peer.body, 200)}"
        )
    if ours.status_class != difference.our_status:
        row.problems.append(
            f"ours answered {ours.shown_status}, the decision is {difference.our_status} ({difference.ours}): "
            f"{abbreviate(ours.body, 400)}"
        )
        return
    row.problems += [f"ours: {f}" for f in failed_checks(Call(**{**ours.__dict__, "checks": difference.our_checks}))]
    row.problems += [f"ours: {f}" for f in failed_checks(ours)]
    if difference.reference is not None:
        _reference_problems(difference, ours, peers, row)


def _reference_problems(difference: Difference, ours: Call, peers: dict[str, Call], row: Row) -> None:
    """Ours against SciCat's documented shape, taken from the peer's answers to other calls."""
    reference = peers.get(difference.reference or "")
    if reference is None or reference.status_class != "2xx":
        row.problems.append(f"the reference call {difference.reference!r} did not succeed on SciCat")
        return
    body = ours.body if isinstance(ours.body, dict) else {}
    plain = {k: v for k, v in body.items() if k not in difference.embedded}
    diff = compare_shape(reference.body, plain)
    row.problems += [f"missing in ours (vs {difference.reference}): {m}" for m in diff.missing]
    row.problems += [f"type differs (vs {difference.reference}): {m}" for m in diff.mismatched]
    for name, label in difference.embedded.items():
        element = peers.get(label)
        if element is None or element.status_class != "2xx":
            row.problems.append(f"the reference call {label!r} did not succeed on SciCat")
            continue
        model = element.body[0] if isinstance(element.body, list) and element.body else element.body
        embedded = body.get(name)
        if not isinstance(embedded, list) or not embedded:
            row.problems.append(f"{name}: expected a non-empty array shaped like SciCat's {label}")
            continue
        sub = compare_shape(model, embedded[0], f"{name}[]")
        row.problems += [f"missing in ours (vs {label}): {m}" for m in sub.missing]
        row.problems += [f"type differs (vs {label}): {m}" for m in sub.mismatched]


def compare_recordings(scenario: str, peer_calls: list[Call], our_calls: list[Call]) -> list[Row]:
    """One row per call label, in the peer's order; calls only one side made are rows too."""
    peers = {c.label: c for c in peer_calls}
    rows: list[Row] = []
    our_by_label = {c.label: c for c in our_calls}
    peer_labels = [c.label for c in peer_calls]
    our_labels = [c.label for c in our_calls]
    for index, peer in enumerate(peer_calls):
        ours = our_by_label.get(peer.label)
        row = Row(scenario, peer.label, _outcome(peer), _outcome(ours), AGREED)
        if ours is None:
            row.problems.append("ours made no such call (the client took another path or stopped)")
        elif peer.label in DIFFERENCES:
            row.verdict = ON_PURPOSE
            _difference_problems(DIFFERENCES[peer.label], peer, ours, peers, row)
        else:
            _shape_problems(peer, ours, row)
            row.problems += [f"SciCat: {f}" for f in failed_checks(peer)]
            row.problems += [f"ours: {f}" for f in failed_checks(ours)]
        if row.problems:
            row.verdict = DIFFERS
        rows.append(row)
    for label in our_labels:
        if label not in peers:
            rows.append(
                Row(scenario, label, "(not made)", _outcome(our_by_label[label]), DIFFERS, ["only ours made this call"])
            )
    if len(set(peer_labels)) != len(peer_labels):
        duplicates = sorted({label for label in peer_labels if peer_labels.count(label) > 1})
        rows.append(Row(scenario, "(suite)", "", "", DIFFERS, [f"labels must be unique: {duplicates}"]))
    return rows


def failure_message(rows: list[Row]) -> str:
    """A readable diff: every failing call with SciCat's and our outcome and what differs."""
    lines = []
    for row in rows:
        if row.verdict != DIFFERS:
            continue
        lines.append(f"- {row.label}: SciCat {row.peer}, ours {row.ours}")
        lines += [f"    {problem}" for problem in row.problems]
    return "\n".join(lines)
