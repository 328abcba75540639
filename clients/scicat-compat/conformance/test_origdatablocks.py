"""Origdatablocks over v3: several blocks for one dataset, the list, and the dataset's totals.

SciCat adds each block's size and file count to the dataset's `size` and `numberOfFiles`.
"""

from __future__ import annotations

import json
from urllib.parse import quote_plus

from bodies import body_field, files_block, raw_dataset, setup_proposal_and_sample
from shape import Session, check, fields_are, is_list_of, values_are


def origdatablocks_scenario(s: Session) -> None:
    setup_proposal_and_sample(s)
    created = s.request("setup: POST Datasets", "POST", "Datasets", json_body=raw_dataset(s))
    pid = body_field(created, "pid", "missing-pid")
    blocks = f"Datasets/{quote_plus(pid)}/origdatablocks"
    first = files_block([100, 200], "proj")
    s.request(
        "origdatablocks: POST Datasets/{pid}/origdatablocks (2 files, uid/gid/perm/chk)",
        "POST",
        blocks,
        json_body=first,
        checks=fields_are({"datasetId": pid, "size": 300, "chkAlg": "md5", "dataFileList.0.path": "proj_0000.tif", "dataFileList.0.perm": "-rw-r--r--", "dataFileList.0.uid": "1000"})
        + (check("2 files", lambda b: len(b["dataFileList"]) == 2),),
    )
    second = {"size": 50, "dataFileList": [{"path": "flat_0000.tif", "size": 50, "time": "2026-03-02T10:05:00.000Z"}]}
    s.request(
        "origdatablocks: POST Datasets/{pid}/origdatablocks (1 file, minimal)",
        "POST",
        blocks,
        json_body=second,
        checks=fields_are({"datasetId": pid, "size": 50}),
    )
    s.request("origdatablocks: GET Datasets/{pid}/origdatablocks", "GET", blocks, checks=(is_list_of(2), values_are("size", {300, 50})))
    totals = fields_are({"size": 350, "numberOfFiles": 3})
    s.request("origdatablocks: GET Datasets/{pid} totals", "GET", f"Datasets/{quote_plus(pid)}", checks=totals)
    where = {"filter": json.dumps({"where": {"datasetId": pid}})}
    s.request("origdatablocks: GET OrigDatablocks?filter={datasetId}", "GET", "OrigDatablocks", params=where, checks=(is_list_of(2),))
    s.request(
        "origdatablocks: PATCH Datasets/{pid} keeps the totals",
        "PATCH",
        f"Datasets/{quote_plus(pid)}",
        json_body={"description": "patched after the blocks"},
        checks=totals,
    )
    s.request("origdatablocks: POST with chkAlg a number (invalid)", "POST", blocks, json_body={**second, "chkAlg": 1})
    s.request("origdatablocks: POST with an empty dataFileList (invalid)", "POST", blocks, json_body={"size": 0, "dataFileList": []})
    s.request(
        "origdatablocks: POST for an unknown dataset",
        "POST",
        f"Datasets/{quote_plus('conformance/unknown-' + s.suffix)}/origdatablocks",
        json_body=second,
    )


def test_origdatablocks(conformance) -> None:
    conformance(origdatablocks_scenario)
