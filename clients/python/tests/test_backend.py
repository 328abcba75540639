"""Against the running app: REGISTRY_URL (…/api/v1) and REGISTRY_TOKEN (samples:read, datasets:read/write)."""

import json

from beamtime_registry import RegistryClient, RegistryHandler

from conftest import needs_registry

pytestmark = needs_registry


async def test_an_acquisition_registers_a_dataset_that_appears_for_the_sample(tmp_path, registry):
    url, token = registry
    handler = await RegistryHandler(url, token, "S-DEMO-04", tmp_path / "meta", instrument="KIT/KARA/UFO")
    assert handler.proposal["proposalId"] == "2026-0042"
    data = tmp_path / "backend_0000"
    data.mkdir()
    await handler.start('{"experiment": {}}', ds_name=data.name, src_dir=str(data))
    for index in range(3):
        (data / f"frame_{index:06}.tif").write_bytes(b"\0" * 1000)
    result = await handler.handle('{"experiment": {"iteration": "0"}}', ds_name=data.name, src_dir=str(data))
    await handler.aclose()
    assert result.delivered and result.spooled == 0

    client = RegistryClient(url, token)
    listed = await client.sample_datasets("S-DEMO-04")
    dataset = next(d for d in listed["datasets"] if d["pid"] == result.pid)
    assert dataset["datasetName"] == "backend_0000"
    assert (dataset["numberOfFiles"], dataset["size"]) == (3, 3000)
    assert dataset["proposalId"] == "2026-0042" and dataset["instrumentId"] == "KIT/KARA/UFO"
    assert dataset["endTime"] and dataset["startTime"] <= dataset["endTime"]
    assert dataset["scientificMetadata"]["concert"] == {"experiment": {"iteration": "0"}}
    assert dataset["scientificMetadata"]["files"]["byExtension"] == {".tif": 3}
    document = json.loads(result.metadata_file.read_text())
    assert document["dataset"]["pid"] == result.pid and document["sample"]["specimenName"]
    await client.aclose()


async def test_a_scanned_qr_url_resolves_to_the_sample(tmp_path, registry):
    url, token = registry
    app_url = url.rsplit("/api/v1", 1)[0]
    handler = await RegistryHandler(url, token, f"{app_url}/s/S-DEMO-05", tmp_path)
    assert handler.sample["specimenId"] == "S-DEMO-05"
    await handler.aclose()
