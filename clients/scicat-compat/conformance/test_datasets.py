"""Raw and derived datasets over v3: create with and without pid, repeat, get, patch, queries.

Both servers add valueSI/unitSI to scientificMetadata quantities; `metadata_is` pins the rest to
what was sent. A PATCH of scientificMetadata replaces the whole object on SciCat, which the checks
pin too.
"""

from __future__ import annotations

import json
from urllib.parse import quote_plus

from bodies import METADATA, body_field, derived_dataset, proposal_id, raw_dataset, sample_id, setup_proposal_and_sample
from shape import Session, check, field_is, fields_are, is_list_of, metadata_is, values_are


def _pid_check() -> tuple:
    return (check("a server-assigned pid (a string)", lambda b: isinstance(b["pid"], str) and len(b["pid"]) > 3),)


def datasets_scenario(s: Session) -> None:
    setup_proposal_and_sample(s)
    raw = raw_dataset(s)
    created = s.request(
        "datasets: POST Datasets raw without pid",
        "POST",
        "Datasets",
        json_body=raw,
        checks=_pid_check()
        + fields_are(
            {
                "type": "raw",
                "datasetName": raw["datasetName"],
                "proposalId": proposal_id(s),
                "sampleId": sample_id(s),
                "creationLocation": "/KIT/KARA/UFO",
                "principalInvestigator": "Ada Lovelace",
                "keywords": ["conformance", "tomography"],
                "size": 0,
                "numberOfFiles": 0,
            }
        )
        + metadata_is(METADATA),
    )
    pid = body_field(created, "pid", "missing-pid")
    path = f"Datasets/{quote_plus(pid)}"
    own_pid = f"conformance/{s.suffix}"
    with_pid = raw_dataset(s, "own-pid", pid=own_pid, creationTime="2026-03-02T11:00:00.000Z")
    s.request("datasets: POST Datasets raw with its own pid", "POST", "Datasets", json_body=with_pid, checks=(field_is("pid", own_pid),))
    s.request(
        "datasets: POST Datasets with the same pid again (identical)",
        "POST",
        "Datasets",
        json_body=with_pid,
        checks=(field_is("pid", own_pid), field_is("datasetName", with_pid["datasetName"])),
    )
    s.request(
        "datasets: POST Datasets with the same pid again (different content)",
        "POST",
        "Datasets",
        json_body={**with_pid, "description": "something else"},
    )
    s.request(
        "datasets: GET Datasets/{pid}",
        "GET",
        path,
        checks=fields_are({"pid": pid, "datasetName": raw["datasetName"], "sourceFolder": raw["sourceFolder"]}) + metadata_is(METADATA),
    )
    patched_metadata = {"energy": {"value": 30, "unit": "keV"}}
    s.request(
        "datasets: PATCH Datasets/{pid} scientificMetadata and datasetName",
        "PATCH",
        path,
        json_body={"scientificMetadata": patched_metadata, "datasetName": f"renamed {s.suffix}"},
        checks=fields_are({"datasetName": f"renamed {s.suffix}", "proposalId": proposal_id(s)}) + metadata_is(patched_metadata),
    )
    s.request(
        "datasets: GET Datasets/{pid} after PATCH (scientificMetadata replaced whole)",
        "GET",
        path,
        checks=fields_are({"datasetName": f"renamed {s.suffix}"}) + metadata_is(patched_metadata),
    )
    derived = derived_dataset(s, pid)
    made = s.request(
        "datasets: POST Datasets derived",
        "POST",
        "Datasets",
        json_body=derived,
        checks=_pid_check()
        + fields_are(
            {
                "type": "derived",
                "inputDatasets": [pid],
                "usedSoftware": derived["usedSoftware"],
                "jobParameters": derived["jobParameters"],
                "jobLogData": derived["jobLogData"],
                "principalInvestigator": "Ada Lovelace",
            }
        ),
    )
    derived_pid = body_field(made, "pid", "missing-pid")
    s.request(
        "datasets: GET Datasets/{pid} derived",
        "GET",
        f"Datasets/{quote_plus(derived_pid)}",
        checks=fields_are({"type": "derived", "inputDatasets": [pid], "usedSoftware": derived["usedSoftware"]}),
    )
    _queries(s, names={f"renamed {s.suffix}", with_pid["datasetName"]}, newest=with_pid["datasetName"])


def _queries(s: Session, names: set[str], newest: str) -> None:
    """fullquery, count, findOne and the filter list over the scenario's two raw datasets."""
    prop = proposal_id(s)

    def fullquery(label: str, fields: dict, limits: dict | None = None, checks: tuple = ()) -> None:
        params = {"fields": json.dumps(fields)}
        if limits is not None:
            params["limits"] = json.dumps(limits)
        s.request(label, "GET", "Datasets/fullquery", params=params, checks=checks)

    fullquery("datasets: GET Datasets/fullquery fields={proposalIds}", {"proposalIds": [prop]}, checks=(values_are("datasetName", names),))
    fullquery(
        "datasets: GET Datasets/fullquery fields={proposalIds, datasetName}",
        {"proposalIds": [prop], "datasetName": newest},
        checks=(is_list_of(1), values_are("datasetName", {newest})),
    )
    fullquery(
        "datasets: GET Datasets/fullquery limits={limit 1, creationTime:desc} (pyscicat datasets_find)",
        {"proposalIds": [prop]},
        {"skip": 0, "limit": 1, "order": "creationTime:desc"},
        checks=(is_list_of(1), values_are("datasetName", {newest})),
    )
    fullquery(
        "datasets: GET Datasets/fullquery fields={type, keywords, creationTime range}",
        {"proposalIds": [prop], "type": "raw", "keywords": ["tomography"], "creationTime": {"begin": "2026-03-02T10:30:00Z", "end": "2026-03-02T11:30:00Z"}},
        checks=(values_are("datasetName", {newest}),),
    )
    fullquery("datasets: GET Datasets/fullquery fields={proposalId}", {"proposalId": prop}, checks=(values_are("datasetName", names),))
    where = {"filter": json.dumps({"where": {"proposalId": prop}})}
    s.request("datasets: GET Datasets/count?filter={proposalId}", "GET", "Datasets/count", params=where, checks=(field_is("count", 2),))
    s.request("datasets: GET Datasets?filter={proposalId} (pyscicat datasets_get_many)", "GET", "Datasets", params=where, checks=(is_list_of(2), values_are("datasetName", names)))
    one = {"filter": json.dumps({"where": {"datasetName": newest}})}
    s.request("datasets: GET Datasets/findOne?filter={datasetName}", "GET", "Datasets/findOne", params=one, checks=(field_is("datasetName", newest),))
    none = {"filter": json.dumps({"where": {"datasetName": f"no such dataset {s.suffix}"}})}
    s.request(
        "datasets: GET Datasets/findOne?filter= matching nothing",
        "GET",
        "Datasets/findOne",
        params=none,
        checks=(check("no dataset (empty answer)", lambda b: b in (None, "", {}, [])),),
    )


def test_datasets(conformance) -> None:
    conformance(datasets_scenario)
