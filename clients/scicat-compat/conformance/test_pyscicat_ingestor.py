"""A pyscicat 0.4.8 ingestor script, unchanged on both targets.

It registers a raw dataset WITHOUT a pid (the server assigns it), adds two origdatablocks and a
thumbnail attachment (`upload_attachment`, alias of `datasets_attachment_create`), then registers
a derived dataset from it (inputDatasets = [raw pid], usedSoftware), and reads everything back.
"""

from __future__ import annotations

import base64
from pathlib import Path
from urllib.parse import quote_plus

from pyscicat.client import ScicatClient, encode_thumbnail
from pyscicat.model import Attachment, CreateDatasetOrigDatablockDto, DataFile, DerivedDataset, Proposal, RawDataset

from bodies import METADATA, THUMBNAIL, body_field, proposal_id, raw_dataset, sample, sample_id, setup_proposal_and_sample
from shape import Session, check, field_is, fields_are, metadata_is, values_are


def ingest(client: ScicatClient, s: Session, thumbnail: Path) -> None:
    """The ingestor proper, written as a beamline script would be (no knowledge of the target)."""
    prop, sid, group = proposal_id(s), sample_id(s), s.owner_group
    with s.step("pyscicat proposals_create"):
        client.proposals_create(Proposal(proposalId=prop, email="ada.lovelace@example.org", title=f"Ingest {s.suffix}", ownerGroup=group))
    # pyscicat 0.4.8's Sample model has no proposalId (pydantic drops it), and every sample here
    # belongs to a proposal (differences.py, 2); the sample comes from the registry, as at the beamline.
    s.request("setup: POST Samples", "POST", "Samples", json_body=sample(s))
    pid = derived_pid = "missing-pid"
    with s.step("pyscicat datasets_create raw (no pid)", checks=(check("a pid", lambda v: isinstance(v, str) and v != ""),)) as result:
        raw = RawDataset(
            datasetName=f"pyscicat scan {s.suffix}",
            description="Registered by the pyscicat ingestor",
            owner="Ada Lovelace",
            contactEmail="ada.lovelace@example.org",
            creationLocation="/KIT/KARA/UFO",
            principalInvestigator="Ada Lovelace",
            sourceFolder=f"/beamline/ufo/{prop}/scan",
            creationTime="2026-03-02T10:00:00+01:00",
            ownerGroup=group,
            accessGroups=[],
            keywords=["pyscicat"],
            techniques=[{"name": "micro-CT", "pid": "http://purl.org/pan-science/PaNET/PaNET01104"}],
            proposalId=prop,
            sampleId=sid,
            scientificMetadata=METADATA,
        )
        pid = client.datasets_create(raw)
        result["value"] = pid
    for number, sizes in ((1, [1000, 2000]), (2, [500])):
        with s.step(f"pyscicat datasets_origdatablock_create #{number}"):
            files = [DataFile(path=f"block{number}_{i}.tif", size=size, time="2026-03-02T10:00:00Z", chk="0" * 32, uid="1000", gid="1000", perm="-rw-r--r--") for i, size in enumerate(sizes)]
            client.datasets_origdatablock_create(pid, CreateDatasetOrigDatablockDto(size=sum(sizes), dataFileList=files))
    with s.step("pyscicat upload_attachment (thumbnail)", checks=(field_is("caption", "Preview"),)) as result:
        attachment = Attachment(datasetId=pid, thumbnail=encode_thumbnail(thumbnail, "png"), caption="Preview", ownerGroup=group)
        result["value"] = client.upload_attachment(attachment)
    with s.step("pyscicat datasets_create derived", checks=(check("a pid", lambda v: isinstance(v, str) and v != ""),)) as result:
        derived = DerivedDataset(
            datasetName=f"pyscicat reconstruction {s.suffix}",
            owner="Ada Lovelace",
            contactEmail="ada.lovelace@example.org",
            investigator="Ada Lovelace",
            inputDatasets=[pid],
            usedSoftware=["tofu 0.13"],
            jobParameters={"center": 1024.5},
            jobLogData="ok",
            sourceFolder=f"/beamline/ufo/{prop}/reco",
            creationTime="2026-03-02T12:00:00+01:00",
            ownerGroup=group,
        )
        result["value"] = derived_pid = client.datasets_create(derived)
    totals = fields_are({"size": 3500, "numberOfFiles": 3, "proposalId": prop, "sampleId": sid}) + metadata_is(METADATA)
    with s.step("pyscicat datasets_get_one raw (totals)", checks=totals) as result:
        result["value"] = client.datasets_get_one(pid)
    with s.step("pyscicat datasets_origdatablocks_get_one", checks=(values_are("size", {3000, 500}),)) as result:
        result["value"] = client.datasets_origdatablocks_get_one(pid)
    with s.step("pyscicat datasets_get_one derived", checks=fields_are({"inputDatasets": [pid], "usedSoftware": ["tofu 0.13"], "type": "derived"})) as result:
        result["value"] = client.datasets_get_one(derived_pid)
    with s.step("pyscicat datasets_find (proposalIds)", checks=(values_are("datasetName", {f"pyscicat scan {s.suffix}"}),)) as result:
        result["value"] = client.datasets_find(query_fields={"proposalIds": [prop]})
    with s.step("pyscicat datasets_get_many (proposalId)", checks=(values_are("datasetName", {f"pyscicat scan {s.suffix}"}),)) as result:
        result["value"] = client.datasets_get_many({"proposalId": prop})


def ingestor_scenario(s: Session, thumbnail: Path) -> None:
    with s.step("pyscicat login (ScicatClient with username/password)") as result:
        client = ScicatClient(base_url=s.target.api_base, username=s.target.username, password=s.target.password)
        result["value"] = {"logged in": True}
    ingest(client, s, thumbnail)


def update_scenario(s: Session) -> None:
    """pyscicat's datasets_update sends the whole model, `type` included (a field with a default).

    SciCat 4.5.0's v3 PATCH rejects `type` ("property type should not exist"), so this documented
    call fails there; recorded so that ours is held to (or deliberately differs from) that.
    """
    setup_proposal_and_sample(s)
    body = raw_dataset(s)
    pid = body_field(s.request("setup: POST Datasets", "POST", "Datasets", json_body=body), "pid", "missing-pid")
    with s.step("pyscicat login") as result:
        client = ScicatClient(base_url=s.target.api_base, username=s.target.username, password=s.target.password)
        result["value"] = {"logged in": True}
    with s.step("pyscicat datasets_update (whole RawDataset, new scientificMetadata)"):
        model = RawDataset(**{k: v for k, v in body.items() if k in RawDataset.model_fields})
        client.datasets_update(model.model_copy(update={"scientificMetadata": {"energy": {"value": 30, "unit": "keV"}}}), pid)
    s.request("pyscicat datasets_update: GET Datasets/{pid} afterwards", "GET", f"Datasets/{quote_plus(pid)}")


def test_pyscicat_datasets_update(conformance) -> None:
    conformance(update_scenario)


def test_pyscicat_ingestor_runs_unchanged(conformance, tmp_path: Path) -> None:
    thumbnail = tmp_path / "preview.png"
    thumbnail.write_bytes(base64.b64decode(THUMBNAIL.split(",", 1)[1]))
    conformance(lambda s: ingestor_scenario(s, thumbnail))
