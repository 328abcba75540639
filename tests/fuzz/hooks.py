"""Schemathesis hooks of e2e/schemathesis.spec.ts (loaded as SCHEMATHESIS_HOOKS=tests.fuzz.hooks).

The OpenAPI document states every rule of a single field and of a body's shape. Some rules JSON
Schema cannot state, and a generated request that breaks one is refused although the document
allows it: 422 for rules that compare a request with what is stored or fields with each other, and
400 from the input layer for text no field can store (NUL, lone surrogates: in every string and key
of every request, which JSON Schema has no one keyword for; the document's 400 says it in words).
Those refusals, and only those, are not failures. A 422 or 400 for any other reason still is one,
and so is every other check (server errors, responses the document does not describe).
"""

import json
import re

import schemathesis
from schemathesis.openapi.checks import RejectedPositiveData

RULES_OF_STORED_RECORDS_AND_FIELD_PAIRS = [
    re.compile(pattern)
    for pattern in (
        # lib/datasets/references.ts: the records a dataset names exist and agree with each other.
        r"^No sample has the ID ",
        r"^No proposal has the ID ",
        r"^No instrument has the pid ",
        r"^Sample .+ belongs to proposal .+, not ",
        # lib/datasets/register-dataset.ts: a dataset of no proposal says who may see it.
        r"^A dataset of no proposal needs an ownerGroup",
        # lib/schemas/dataset.ts refinements: fields compared with each other (or with the stored dataset).
        r"^endTime must not be before startTime$",
        r"^A derived dataset lists the pids",
        r"^A derived dataset names the software",
        # lib/datasets/update-dataset.ts: a PATCH body's pid, when sent, is the one in the path.
        r"^A dataset's pid cannot change",
        # lib/datasets/add-origdatablock.ts: the limits count the files stored before.
        r"^With these files the dataset would hold more than ",
    )
]


# lib/shared/untrusted-input.ts (unstorableText), as proxy.ts and lib/http/request.ts answer it.
UNSTORABLE_TEXT = re.compile(r"must not contain (the NUL character|a lone UTF-16 surrogate)")


def _answer(content: bytes | None) -> dict:
    try:
        answer = json.loads(content or b"")
    except ValueError:
        return {}
    return answer if isinstance(answer, dict) else {}


def _field_messages(answer: dict) -> list[str]:
    details = answer.get("details")
    if not isinstance(details, dict):
        return []
    return [message for messages in details.values() if isinstance(messages, list) for message in messages]


@schemathesis.hook
def filter_failure(context, failure, case, response) -> bool:
    """Keeps every failure but the refusals of valid-looking requests described above."""
    if not isinstance(failure, RejectedPositiveData):
        return True
    answer = _answer(response.content)
    if response.status_code == 400:
        return not UNSTORABLE_TEXT.search(str(answer.get("error", "")))
    if response.status_code == 422:
        messages = _field_messages(answer)
        return not messages or not all(
            isinstance(message, str) and any(rule.search(message) for rule in RULES_OF_STORED_RECORDS_AND_FIELD_PAIRS)
            for message in messages
        )
    return True
