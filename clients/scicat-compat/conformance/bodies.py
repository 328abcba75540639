"""The records the scenarios create, identical on both targets but for the run-unique suffix.

Bodies follow what pyscicat 0.4.8 and scitacean 26.10.1 send (v3: proposalId, sampleId,
principalInvestigator; v4: the plural proposalIds, sampleIds, principalInvestigators).
"""

from __future__ import annotations

from typing import Any

from shape import Call, Session

THUMBNAIL = (
    "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk"
    "YPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=="
)
METADATA = {"energy": {"value": 20, "unit": "keV"}, "exposure": {"value": 5, "unit": "ms"}, "stage": "pupa"}


def proposal_id(s: Session) -> str:
    return f"CONF-{s.suffix}"


def sample_id(s: Session, name: str = "S") -> str:
    return f"{name}-CONF-{s.suffix}"


def proposal(s: Session, **changes: Any) -> dict[str, Any]:
    return {
        "proposalId": proposal_id(s),
        "email": "ada.lovelace@example.org",
        "title": f"Conformance proposal {s.suffix}",
        "abstract": "Differential conformance run",
        "pi_email": "ada.lovelace@example.org",
        "pi_firstname": "Ada",
        "pi_lastname": "Lovelace",
        "ownerGroup": s.owner_group,
        "accessGroups": [],
        **changes,
    }


def sample(s: Session, **changes: Any) -> dict[str, Any]:
    return {
        "sampleId": sample_id(s),
        "owner": "Ada Lovelace",
        "description": f"Pupa {s.suffix}",
        "sampleCharacteristics": {"stage": "pupa", "medium": {"value": 70, "unit": "% ethanol"}},
        "ownerGroup": s.owner_group,
        "accessGroups": [],
        "proposalId": proposal_id(s),
        **changes,
    }


def raw_dataset(s: Session, name: str = "raw", **changes: Any) -> dict[str, Any]:
    """A v3 raw dataset of the scenario's proposal and sample, without a pid."""
    return {
        "type": "raw",
        "datasetName": f"{name} {s.suffix}",
        "description": "Registered by the conformance suite",
        "owner": "Ada Lovelace",
        "ownerEmail": "ada.lovelace@example.org",
        "contactEmail": "ada.lovelace@example.org",
        "creationLocation": "/KIT/KARA/UFO",
        "principalInvestigator": "Ada Lovelace",
        "sourceFolder": f"/beamline/ufo/{proposal_id(s)}/{name}",
        "creationTime": "2026-03-02T10:00:00.000Z",
        "ownerGroup": s.owner_group,
        "accessGroups": [],
        "keywords": ["conformance", "tomography"],
        "techniques": [{"name": "micro-CT", "pid": "http://purl.org/pan-science/PaNET/PaNET01104"}],
        "proposalId": proposal_id(s),
        "sampleId": sample_id(s),
        "dataFormat": "tiff",
        "scientificMetadata": METADATA,
        **changes,
    }


def derived_dataset(s: Session, input_pid: str, **changes: Any) -> dict[str, Any]:
    """A v3 derived dataset computed from `input_pid`."""
    return {
        "type": "derived",
        "datasetName": f"reconstruction {s.suffix}",
        "owner": "Ada Lovelace",
        "contactEmail": "ada.lovelace@example.org",
        "investigator": "Ada Lovelace",
        "inputDatasets": [input_pid],
        "usedSoftware": ["tofu 0.13", "https://github.com/ufo-kit/tofu"],
        "jobParameters": {"center": 1024.5, "filter": "ramp"},
        "jobLogData": "reconstructed 2048 slices",
        "sourceFolder": f"/beamline/ufo/{proposal_id(s)}/reco",
        "creationTime": "2026-03-02T12:00:00.000Z",
        "ownerGroup": s.owner_group,
        "accessGroups": [],
        "keywords": ["reconstruction"],
        "scientificMetadata": {"voxel": {"value": 1.2, "unit": "um"}},
        **changes,
    }


def v4_dataset(s: Session, name: str = "v4", **changes: Any) -> dict[str, Any]:
    """A raw dataset as scitacean's UploadDataset sends it to /api/v4/datasets."""
    return {
        "type": "raw",
        "datasetName": f"{name} {s.suffix}",
        "owner": "Ada Lovelace",
        "contactEmail": "ada.lovelace@example.org",
        "creationLocation": "/KIT/KARA/UFO",
        "principalInvestigators": ["Ada Lovelace"],
        "sourceFolder": f"/beamline/ufo/{proposal_id(s)}/{name}",
        "creationTime": "2026-03-02T10:00:00Z",
        "ownerGroup": s.owner_group,
        "accessGroups": [],
        "proposalIds": [proposal_id(s)],
        "sampleIds": [sample_id(s)],
        "scientificMetadata": METADATA,
        **changes,
    }


def files_block(sizes: list[int], prefix: str = "scan", **changes: Any) -> dict[str, Any]:
    """An origdatablock body (v3 path form) of files with the given sizes."""
    files = [
        {
            "path": f"{prefix}_{i:04d}.tif",
            "size": size,
            "time": "2026-03-02T10:00:00.000Z",
            "chk": f"{i:032x}",
            "uid": "1000",
            "gid": "1000",
            "perm": "-rw-r--r--",
        }
        for i, size in enumerate(sizes)
    ]
    return {"size": sum(sizes), "chkAlg": "md5", "dataFileList": files, **changes}


def body_field(call: Call, name: str, default: str = "") -> str:
    """A string field of a call's JSON answer, e.g. the pid a create returned ('' if there is none)."""
    body = call.body
    if isinstance(body, dict) and isinstance(body.get(name), str):
        return str(body[name])
    return default


def setup_proposal_and_sample(s: Session) -> None:
    """The proposal and sample most scenarios register datasets under (compared like every call)."""
    s.request("setup: POST Proposals", "POST", "Proposals", json_body=proposal(s))
    s.request("setup: POST Samples", "POST", "Samples", json_body=sample(s))
