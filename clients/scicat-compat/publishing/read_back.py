"""Reads records back from a SciCat instance with the official pyscicat client, as JSON.

Used by tests/integration/scicat-publishing.test.ts and e2e/scicat-publishing.spec.ts to check
that what this registry published arrived in SciCat with the same fields, exactly once.

    python3 read_back.py <SciCat API base> <username> <password> '{"proposals":[…],"samples":[…],"datasets":[…]}'

Prints {"proposals": {id: doc|null}, "samples": {id: doc|null}, "datasets": {pid: doc|null},
"origdatablocks": {pid: [block, …]}, "attachments": {pid: [attachment, …]},
"datasets_of_proposal": {proposalId: [pid, …]}}.
"""

import json
import sys
from urllib.parse import quote_plus

from pyscicat.client import ScicatClient, ScicatCommError


def one(getter, key):
    try:
        return getter(key)
    except ScicatCommError:
        return None


def main() -> None:
    base_url, username, password, wanted = sys.argv[1], sys.argv[2], sys.argv[3], json.loads(sys.argv[4])
    client = ScicatClient(base_url=base_url, username=username, password=password, timeout_seconds=30)
    datasets = wanted.get("datasets", [])
    result = {
        "proposals": {key: one(client.proposals_get_one, key) for key in wanted.get("proposals", [])},
        "samples": {key: one(client.samples_get_one, key) for key in wanted.get("samples", [])},
        "datasets": {key: one(client.datasets_get_one, key) for key in datasets},
        "origdatablocks": {key: one(client.datasets_origdatablocks_get_one, key) or [] for key in datasets},
        # pyscicat creates attachments but has no reader for them: its own call, on its session.
        "attachments": {
            key: one(
                lambda pid: client._call_endpoint(
                    cmd="get", endpoint=f"Datasets/{quote_plus(pid)}/attachments", operation="attachments"
                ),
                key,
            )
            or []
            for key in datasets
        },
        "datasets_of_proposal": {
            # SciCat 4.5 answers a fullquery on the singular proposalId with 500; the list works.
            key: sorted(d["pid"] for d in client.datasets_find(limit=1000, query_fields={"proposalIds": [key]}) or [])
            for key in wanted.get("proposals", [])
        },
    }
    json.dump(result, sys.stdout)


if __name__ == "__main__":
    main()
