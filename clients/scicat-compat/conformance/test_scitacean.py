"""scitacean 26.10.1's documented workflows, unchanged on both targets, on the /api/v3 URL.

`Client.from_credentials` / `Client.from_token`, `upload_new_dataset_now` with files (a local copy
transfer between temporary folders) and without files, `get_dataset`, `download_files`,
`get_sample`, `get_proposal`. scitacean speaks /api/v4 for datasets, origdatablocks and
attachments, and v3 (lowercase) for samples, proposals and instruments.

On the peer `get_dataset` fails: it always sends include=origdatablocks, which FerretDB cannot
serve ($lookup; differences.py, 4). Downloading is therefore done twice: from the dataset
upload_new_dataset_now returned (works on both) and from get_dataset's (ours only, on purpose).
"""

from __future__ import annotations

import base64
from pathlib import Path

from scitacean import Client, Dataset
from scitacean.transfer.copy import CopyFileTransfer

from bodies import THUMBNAIL, proposal, proposal_id, sample, sample_id
from shape import Session, check, field_is, fields_are

FILES = {"scan_0000.h5": b"\x89HDF\r\n" + b"0" * 1000, "notes.txt": b"exposure 5 ms\n"}


def _local_files(folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, content in FILES.items():
        (folder / name).write_bytes(content)
        paths.append(folder / name)
    return paths


def _dataset(s: Session, name: str, source_folder: str) -> Dataset:
    return Dataset(
        type="raw",
        name=f"{name} {s.suffix}",
        description="Uploaded by scitacean",
        owner="Ada Lovelace",
        owner_group=s.owner_group,
        access_groups=[],
        contact_email="ada.lovelace@example.org",
        principal_investigators=["Ada Lovelace"],
        creation_location="/KIT/KARA/UFO",
        creation_time="2026-03-02T10:00:00Z",
        source_folder=source_folder,
        proposal_ids=[proposal_id(s)],
        sample_ids=[sample_id(s)],
        meta={"energy": {"value": 20, "unit": "keV"}},
    )


def scitacean_scenario(s: Session, work: Path) -> None:
    s.request("setup: POST Proposals", "POST", "Proposals", json_body=proposal(s))
    s.request("setup: POST Samples", "POST", "Samples", json_body=sample(s))
    remote = work / "remote"
    remote.mkdir(parents=True, exist_ok=True)
    transfer = CopyFileTransfer()
    client = None
    with s.step("scitacean Client.from_credentials"):
        client = Client.from_credentials(url=s.target.api_base, username=s.target.username, password=s.target.password, file_transfer=transfer, allow_http=True)
    uploaded = None
    with s.step("scitacean upload_new_dataset_now (2 files, a thumbnail)", checks=(check("a pid and 2 files", lambda v: v["pid"] != "" and v["files"] == 2),)) as result:
        dataset = _dataset(s, "scitacean scan", str(remote / "scan"))
        dataset.add_local_files(*_local_files(work / "local"))
        thumbnail = work / "preview.png"
        thumbnail.write_bytes(base64.b64decode(THUMBNAIL.split(",", 1)[1]))
        dataset.add_attachment(thumbnail, caption="Preview")
        uploaded = client.upload_new_dataset_now(dataset)
        result["value"] = {"pid": str(uploaded.pid), "files": len(list(uploaded.files))}
    with s.step("scitacean upload_new_dataset_now (no files)", checks=(check("a pid", lambda v: v["pid"] != ""),)) as result:
        bare = client.upload_new_dataset_now(_dataset(s, "scitacean metadata-only", str(remote / "nofiles")))
        result["value"] = {"pid": str(bare.pid), "files": len(list(bare.files))}
    with s.step("scitacean download_files (uploaded dataset)", checks=(check("the files' bytes", lambda v: v == sorted(FILES)),)) as result:
        target = work / "download-uploaded"
        client.download_files(uploaded, target=target)
        result["value"] = sorted(p.name for p in target.iterdir() if (target / p.name).read_bytes() == FILES.get(p.name))
    fetched = None
    fetched_checks = (check("name, files, size", lambda v: v == {"name": f"scitacean scan {s.suffix}", "files": 2, "size": sum(map(len, FILES.values()))}),)
    with s.step("scitacean get_dataset", checks=fetched_checks) as result:
        fetched = client.get_dataset(uploaded.pid)
        result["value"] = {"name": fetched.name, "files": len(list(fetched.files)), "size": fetched.size}
    with s.step("scitacean download_files (get_dataset's dataset)", checks=(check("the files' bytes", lambda v: v == sorted(FILES)),)) as result:
        target = work / "download-fetched"
        client.download_files(fetched, target=target)
        result["value"] = sorted(p.name for p in target.iterdir() if (target / p.name).read_bytes() == FILES.get(p.name))
    with s.step("scitacean get_sample", checks=fields_are({"sample_id": sample_id(s), "owner": "Ada Lovelace"})) as result:
        found = client.get_sample(sample_id(s))
        result["value"] = {"sample_id": found.sample_id, "owner": found.owner}
    with s.step("scitacean get_proposal", checks=(field_is("proposal_id", proposal_id(s)),)) as result:
        found_proposal = client.get_proposal(proposal_id(s))
        result["value"] = {"proposal_id": found_proposal.proposal_id, "title": found_proposal.title}
    with s.step("scitacean Client.from_token + get_proposal", checks=(field_is("proposal_id", proposal_id(s)),)) as result:
        by_token = Client.from_token(url=s.target.api_base, token=s.token, file_transfer=transfer, allow_http=True)
        result["value"] = {"proposal_id": by_token.get_proposal(proposal_id(s)).proposal_id}


def test_scitacean_workflows(conformance, tmp_path: Path) -> None:
    runs = iter(("scicat", "ours"))
    conformance(lambda s: scitacean_scenario(s, tmp_path / next(runs)))
