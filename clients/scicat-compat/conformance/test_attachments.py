"""Attachments with a thumbnail data URI: v3 per dataset (as pyscicat), v4 with relationships (as scitacean)."""

from __future__ import annotations

import json
from urllib.parse import quote_plus

from bodies import THUMBNAIL, body_field, raw_dataset, setup_proposal_and_sample
from shape import Session, check, fields_are, is_list_of, values_are


def attachments_scenario(s: Session) -> None:
    setup_proposal_and_sample(s)
    created = s.request("setup: POST Datasets", "POST", "Datasets", json_body=raw_dataset(s))
    pid = body_field(created, "pid", "missing-pid")
    v3 = f"Datasets/{quote_plus(pid)}/attachments"
    s.request(
        "attachments: POST Datasets/{pid}/attachments (thumbnail data URI)",
        "POST",
        v3,
        json_body={"thumbnail": THUMBNAIL, "caption": "Preview slice", "ownerGroup": s.owner_group, "accessGroups": [], "datasetId": pid},
        checks=fields_are({"thumbnail": THUMBNAIL, "caption": "Preview slice", "datasetId": pid}),
    )
    s.request("attachments: GET Datasets/{pid}/attachments", "GET", v3, checks=(is_list_of(1), values_are("caption", {"Preview slice"})))
    relation = [{"targetId": pid, "targetType": "dataset", "relationType": "is attached to"}]
    made = s.request(
        "attachments: POST v4 attachments (relationships)",
        "POST",
        "attachments",
        version="v4",
        json_body={"thumbnail": THUMBNAIL, "caption": "Sinogram", "ownerGroup": s.owner_group, "accessGroups": [], "isPublished": False, "relationships": relation},
        checks=fields_are({"caption": "Sinogram", "thumbnail": THUMBNAIL, "relationships.0.targetId": pid})
        + (check("an aid", lambda b: isinstance(b["aid"], str) and b["aid"] != ""),),
    )
    aid = body_field(made, "aid", "missing-aid")
    s.request("attachments: GET v4 attachments/{aid}", "GET", f"attachments/{quote_plus(aid)}", version="v4", checks=fields_are({"aid": aid, "caption": "Sinogram"}))
    # SciCat keeps the v3 attachment under the same relationship, so both are found.
    where = {"filter": json.dumps({"where": {"relationships.targetId": pid}})}
    s.request("attachments: GET v4 attachments?filter={relationships.targetId}", "GET", "attachments", version="v4", params=where, checks=(is_list_of(2), values_are("caption", {"Preview slice", "Sinogram"})))
    s.request("attachments: GET Datasets/{pid}/attachments after v4", "GET", v3, checks=(is_list_of(2), values_are("caption", {"Preview slice", "Sinogram"})))


def test_attachments(conformance) -> None:
    conformance(attachments_scenario)
