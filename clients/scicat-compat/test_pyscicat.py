"""The official SciCat client (pyscicat) against this registry's SciCat-compatible /api/v3 subset.

Runs against a running app:

    APP_URL=http://localhost:3000 SCICAT_USERNAME=ufo-ingestor SCICAT_PASSWORD=… \
        python3 -m pytest clients/scicat-compat -q

SCICAT_USERNAME / SCICAT_PASSWORD name a functional account of SCICAT_FUNCTIONAL_ACCOUNTS with the
scopes samples:read, samples:write, datasets:read, datasets:write. SCICAT_PROPOSAL_ID (default the
demo proposal 2026-0042) is where the sample is created; SCICAT_SAMPLE_ID fixes its ID (the e2e
test then opens its page).
"""

import os
import uuid

import pytest
from pyscicat.client import ScicatClient, ScicatCommError, get_token
from pyscicat.model import Attachment, CreateDatasetOrigDatablockDto, DataFile, RawDataset, Sample


def setting(name: str, default: str | None = None) -> str:
    value = os.environ.get(name, default)
    if not value:
        pytest.fail(f"Set {name} (see the docstring of {__file__})")
    return value


BASE_URL = f"{setting('APP_URL').rstrip('/')}/api/v3"
USERNAME = setting("SCICAT_USERNAME", "ufo-ingestor")
PASSWORD = setting("SCICAT_PASSWORD")
PROPOSAL_ID = setting("SCICAT_PROPOSAL_ID", "2026-0042")
RUN = uuid.uuid4().hex[:8]
SAMPLE_ID = os.environ.get("SCICAT_SAMPLE_ID") or f"S-PY-{RUN.upper()}"
PID = f"ufo/{PROPOSAL_ID}/pyscicat_{RUN}"


@pytest.fixture(scope="module")
def client() -> ScicatClient:
    return ScicatClient(base_url=BASE_URL, username=USERNAME, password=PASSWORD)


def raw_dataset(**changes) -> RawDataset:
    fields = dict(
        pid=PID,
        datasetName=f"pyscicat scan {RUN}",
        description="Registered by the official pyscicat client",
        owner="Ada Lovelace",
        contactEmail="ada.lovelace@example.org",
        creationLocation="/KIT/KARA/UFO",
        principalInvestigator="Ada Lovelace",
        sourceFolder=f"/beamline/ufo/{PROPOSAL_ID}/{SAMPLE_ID}/pyscicat_{RUN}",
        creationTime="2026-03-02T10:00:00+01:00",
        ownerGroup=f"proposal-{PROPOSAL_ID}",
        accessGroups=[],
        keywords=["pyscicat", "tomography"],
        techniques=[{"name": "micro-CT", "pid": "http://purl.org/pan-science/PaNET/PaNET01104"}],
        sampleId=SAMPLE_ID,
        proposalId=PROPOSAL_ID,
        scientificMetadata={"energy": {"value": 20, "unit": "keV"}, "exposure": {"value": 5, "unit": "ms"}},
    )
    fields.update(changes)
    return RawDataset(**fields)


def test_login_with_wrong_password_is_refused():
    with pytest.raises(Exception):
        ScicatClient(base_url=BASE_URL, username=USERNAME, password=PASSWORD + "-wrong")


def test_sample_dataset_and_files_round_trip(client: ScicatClient):
    sample = SampleWithProposal(
        sampleId=SAMPLE_ID,
        owner="Ada Lovelace",
        description=f"Pupa {RUN} (pyscicat)",
        sampleCharacteristics={"stage": "pupa", "medium": {"value": 70, "unit": "% ethanol"}},
        ownerGroup=f"proposal-{PROPOSAL_ID}",
        proposalId=PROPOSAL_ID,
    )
    assert client.samples_create(sample) == SAMPLE_ID

    assert client.datasets_create(raw_dataset()) == PID
    block = client.datasets_origdatablock_create(
        PID,
        CreateDatasetOrigDatablockDto(
            size=3072,
            dataFileList=[
                DataFile(path="proj_0000.tif", size=1024, time="2026-03-02T10:01:00+01:00"),
                DataFile(path="proj_0001.tif", size=2048, time="2026-03-02T10:02:00+01:00"),
            ],
        ),
    )
    assert block["datasetId"] == PID
    assert [entry["path"] for entry in block["dataFileList"]] == ["proj_0000.tif", "proj_0001.tif"]

    dataset = client.get_dataset_by_pid(PID)
    assert dataset["pid"] == PID
    assert dataset["sampleId"] == SAMPLE_ID
    assert dataset["proposalId"] == PROPOSAL_ID
    assert dataset["size"] == 3072
    assert dataset["numberOfFiles"] == 2
    assert dataset["scientificMetadata"]["energy"]["value"] == 20
    assert dataset["scientificMetadata"]["energy"]["unit"] == "keV"

    stored_sample = client.get_sample(SAMPLE_ID)
    assert stored_sample["sampleId"] == SAMPLE_ID
    assert stored_sample["proposalId"] == PROPOSAL_ID
    assert stored_sample["sampleCharacteristics"]["stage"] == "pupa"

    # A preview after ingest, as ingestors attach one (a 1x1 PNG); the e2e test sees it on the pages.
    preview = "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="
    attachment = client.upload_attachment(
        Attachment(datasetId=PID, thumbnail=preview, caption=f"Preview {RUN}", ownerGroup=f"proposal-{PROPOSAL_ID}")
    )
    assert attachment["caption"] == f"Preview {RUN}"

    found = client.find_datasets({"sampleId": SAMPLE_ID})
    assert [entry["pid"] for entry in found] == [PID]

    updated_pid = client.update_dataset(
        raw_dataset(
            description="Reconstructed",
            endTime="2026-03-02T10:30:00+01:00",
            scientificMetadata={"voxelSize": {"value": 1.22, "unit": "um"}},
        ),
        PID,
    )
    assert updated_pid == PID
    dataset = client.get_dataset_by_pid(PID)
    assert dataset["description"] == "Reconstructed"
    assert dataset["endTime"] == "2026-03-02T09:30:00.000Z"
    # As in SciCat, the scientificMetadata sent replaces the stored one whole.
    assert list(dataset["scientificMetadata"]) == ["voxelSize"]
    # SciCat adds the value in SI units, and so do we.
    assert dataset["scientificMetadata"]["voxelSize"]["unitSI"] == "m"


def test_client_from_token():
    token = get_token(BASE_URL, USERNAME, PASSWORD)
    client = ScicatClient(base_url=BASE_URL, token=token)
    assert client.get_sample(SAMPLE_ID)["sampleId"] == SAMPLE_ID
    assert client.get_dataset_by_pid(PID)["pid"] == PID
    with pytest.raises(ScicatCommError, match="not part of this server's SciCat-compatible API"):
        client.datasets_delete(PID)


class SampleWithProposal(Sample):
    """pyscicat 0.4.8's Sample without proposalId, which this registry needs to place a sample."""

    proposalId: str
