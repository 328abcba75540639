"""
The real Concert (0.33.0 from PyPI): an imaging experiment from Concert's own classes and dummy
devices writes frames through a DirectoryWalker, and our handlers keep its metadata.
"""

import json
import os
from pathlib import Path

import numpy as np
import pytest

from concert.devices.cameras.dummy import Camera
from concert.devices.motors.dummy import LinearMotor
from concert.experiments.addons.local import ImageWriter
from concert.experiments.dummy import ImagingExperiment
from concert.quantities import q
from concert.storage import DirectoryWalker

from beamtime_registry import Delivery, FileHandler, MetadataHandlersMixin, RegistryClient, RegistryHandler, Spool

from conftest import needs_registry

FRAMES = {"darks": 2, "flats": 2, "radios": 3}


class Radiography(MetadataHandlersMixin, ImagingExperiment):
    """What a beamline session defines: Concert's experiment plus metadata_handlers=."""


async def radiography(root: Path, handlers, name_fmt="scan_{:>04}"):
    camera = await Camera(background=np.full((16, 16), 100, dtype=np.uint16))
    motor = await LinearMotor()
    await motor.set_position(1.5 * q.mm)
    walker = await DirectoryWalker(root=str(root))
    experiment = await Radiography(
        FRAMES["darks"],
        FRAMES["flats"],
        FRAMES["radios"],
        camera=camera,
        walker=walker,
        # Concert 0.33.0's default random=False fails its own check ('off', 'single', 'multi').
        random="off",
        name_fmt=name_fmt,
        metadata_handlers=handlers,
    )
    experiment.add_device_to_log("sample_motor", motor)
    # As in a session: the experiment logs its parameters and devices at info level.
    await experiment.set_log_level("info")
    await ImageWriter(experiment)
    return experiment


def frames_on_disk(scan: Path) -> dict[str, int]:
    return {name: len(list((scan / name).glob("frame_*.tif"))) for name in FRAMES}


def record_for_e2e(pid: str) -> None:
    """e2e/concert.spec.ts then looks for this dataset on the sample's page."""
    path = os.environ.get("REGISTRY_RESULTS")
    if path:
        results = json.loads(Path(path).read_text()) if Path(path).exists() else {"pids": []}
        results["pids"].append(pid)
        Path(path).write_text(json.dumps(results))


async def test_a_concert_run_writes_metadata_files_with_only_the_file_handler(tmp_path):
    handler = await FileHandler()
    experiment = await radiography(tmp_path, [handler])
    await experiment.run()
    scan = tmp_path / "scan_0000"
    assert frames_on_disk(scan) == FRAMES
    metadata = json.loads((scan / "experiment.json").read_text())
    assert metadata["experiment"]["iteration"] == "0"
    assert "position" in metadata["sample_motor"]
    assert (scan / "experiment_start.json").exists() and (scan / "experiment.log").exists()


@needs_registry
async def test_a_concert_run_registers_its_dataset(tmp_path, registry):
    url, token = registry
    handler = await RegistryHandler(url, token, "S-DEMO-04", tmp_path / "meta", instrument="KIT/KARA/UFO")
    experiment = await radiography(tmp_path / "data", [await FileHandler(), handler], name_fmt="concert_{:>04}")
    await experiment.run()
    await experiment.run()
    await handler.aclose()

    client = RegistryClient(url, token)
    listed = {d["pid"]: d for d in (await client.sample_datasets("S-DEMO-04"))["datasets"]}
    for iteration in (0, 1):
        scan = tmp_path / "data" / f"concert_{iteration:04}"
        assert frames_on_disk(scan) == FRAMES
        document = json.loads((scan / "registry_metadata.json").read_text())
        pid = document["dataset"]["pid"]
        assert pid == handler.dataset_pid(scan.name, str(scan))
        assert document["sample"]["specimenId"] == "S-DEMO-04" and document["proposal"]["proposalId"] == "2026-0042"
        assert document["concert"]["experiment"]["iteration"] == str(iteration)
        assert any("Device sample_motor" in line["message"] for line in document["log"])
        files = [p for p in scan.rglob("*") if p.is_file() and p.name != "registry_metadata.json"]
        dataset = listed[pid]
        assert dataset["datasetName"] == scan.name
        assert dataset["numberOfFiles"] == len(files) and dataset["size"] == sum(p.stat().st_size for p in files)
        assert dataset["sourceFolder"] == str(scan)
        assert dataset["scientificMetadata"]["files"]["byExtension"][".tif"] == sum(FRAMES.values())
        assert dataset["scientificMetadata"]["concert"]["sample_motor"]["position"].startswith("1.5")
        assert dataset["scientificMetadata"]["log_excerpt"]
        record_for_e2e(pid)
    await client.aclose()


@needs_registry
async def test_an_outage_loses_nothing_and_a_flush_delivers_everything_exactly_once(tmp_path, registry, dead_endpoint):
    url, token = registry
    meta = tmp_path / "meta"
    offline = await RegistryHandler(
        dead_endpoint, token, "S-DEMO-05", meta, proposal="2026-0042", instrument="KIT/KARA/UFO", timeout=2
    )
    experiment = await radiography(tmp_path / "data", [offline])
    await experiment.run()
    await experiment.run()
    await offline.aclose()

    spooled = await Spool(meta).read()
    assert [r["op"] for r in spooled] == ["create", "update", "create", "update"]
    pids = list(dict.fromkeys(r["pid"] for r in spooled))
    assert len(pids) == 2
    for pid, scan in zip(pids, ("scan_0000", "scan_0001")):
        document = json.loads((tmp_path / "data" / scan / "registry_metadata.json").read_text())
        assert document["dataset"]["pid"] == pid

    client = RegistryClient(url, token)
    report = await Delivery(client, Spool(meta)).flush()
    assert len(report.delivered) == 4 and report.complete
    assert await Spool(meta).read() == []

    # A second delivery of the same records (a crash before the spool was rewritten) changes nothing.
    await Spool(meta).append(spooled)
    report = await Delivery(client, Spool(meta)).flush()
    assert len(report.delivered) == 4 and report.complete

    listed = (await client.sample_datasets("S-DEMO-05"))["datasets"]
    for pid, record in zip(pids, spooled[1::2]):
        matching = [d for d in listed if d["pid"] == pid]
        assert len(matching) == 1
        assert matching[0]["numberOfFiles"] == record["body"]["numberOfFiles"] > sum(FRAMES.values())
        assert matching[0]["endTime"] is not None
    await client.aclose()


def test_concert_imports_headless():
    # pyqtgraph comes with concert but needs Qt only when a viewer is opened: no display needed.
    import concert

    assert concert.__version__ == "0.33.0"
