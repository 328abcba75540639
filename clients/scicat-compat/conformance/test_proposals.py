"""Proposals: create, get, list, patch (title included), directly and through pyscicat."""

from __future__ import annotations

import json
from urllib.parse import quote_plus

from pyscicat.client import ScicatClient
from pyscicat.model import Proposal

from bodies import proposal, proposal_id
from shape import Session, field_is, fields_are, is_list_of, values_are


def proposals_scenario(s: Session) -> None:
    pid = proposal_id(s)
    path = f"Proposals/{quote_plus(pid)}"
    s.request(
        "proposals: POST Proposals",
        "POST",
        "Proposals",
        json_body=proposal(s),
        checks=fields_are({"proposalId": pid, "title": f"Conformance proposal {s.suffix}", "email": "ada.lovelace@example.org"}),
    )
    s.request("proposals: GET Proposals/{id}", "GET", path, checks=fields_are({"proposalId": pid, "pi_lastname": "Lovelace"}))
    # SciCat 4.5.0's GET Proposals reads `filters` (plural); a loopback-style `filter` is ignored there.
    where = {"filters": json.dumps({"where": {"proposalId": pid}})}
    s.request("proposals: GET Proposals?filters={proposalId}", "GET", "Proposals", params=where, checks=(is_list_of(1), values_are("proposalId", {pid})))
    s.request("proposals: GET Proposals (list)", "GET", "Proposals")
    new_title = f"Retitled proposal {s.suffix}"
    s.request(
        "proposals: PATCH Proposals/{id} title and abstract",
        "PATCH",
        path,
        json_body={"title": new_title, "abstract": "patched"},
        checks=fields_are({"title": new_title, "abstract": "patched", "proposalId": pid}),
    )
    s.request("proposals: GET Proposals/{id} after PATCH", "GET", path, checks=fields_are({"title": new_title, "abstract": "patched"}))
    s.request("proposals: POST Proposals with an existing proposalId", "POST", "Proposals", json_body=proposal(s))


def pyscicat_proposals_scenario(s: Session) -> None:
    """pyscicat's proposals_create / proposals_get_one / proposals_update, unchanged."""
    pid = f"{proposal_id(s)}-PY"
    with s.step("pyscicat login") as result:
        client = ScicatClient(base_url=s.target.api_base, username=s.target.username, password=s.target.password)
        result["value"] = {"logged in": True}
    with s.step("pyscicat proposals_create") as result:
        model = Proposal(proposalId=pid, email="ada.lovelace@example.org", title=f"pyscicat {s.suffix}", ownerGroup=s.owner_group)
        result["value"] = client.proposals_create(model)
    with s.step("pyscicat proposals_get_one", checks=(field_is("title", f"pyscicat {s.suffix}"),)) as result:
        result["value"] = client.proposals_get_one(pid)
    with s.step("pyscicat proposals_update (title)") as result:
        update = Proposal(proposalId=pid, email="ada.lovelace@example.org", title=f"pyscicat retitled {s.suffix}", ownerGroup=s.owner_group)
        result["value"] = client.proposals_update(update)
    with s.step("pyscicat proposals_get_one after update", checks=(field_is("title", f"pyscicat retitled {s.suffix}"),)) as result:
        result["value"] = client.proposals_get_one(pid)


def test_proposals(conformance) -> None:
    conformance(proposals_scenario)


def test_proposals_through_pyscicat(conformance) -> None:
    conformance(pyscicat_proposals_scenario)
