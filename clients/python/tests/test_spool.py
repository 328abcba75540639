import json
import logging

import httpx
import pytest

from beamtime_registry import RegistryError, RegistryHandler, Spool
from beamtime_registry.client import RegistryClient
from beamtime_registry.delivery import Delivery


def record(n, op="update", pid="i/p/s/scan_0000-x"):
    return Spool.new_record(op, pid, {"n": n}, "http://registry/api/v1")


async def test_spool_appends_reads_and_removes_in_order(tmp_path):
    spool = Spool(tmp_path)
    await spool.append([record(1), record(2)])
    await spool.append([record(3)])
    assert [r["body"]["n"] for r in await spool.read()] == [1, 2, 3]
    first = (await spool.read())[0]["id"]
    await spool.remove({first})
    assert [r["body"]["n"] for r in await spool.read()] == [2, 3]
    await spool.remove({r["id"] for r in await spool.read()})
    assert await spool.read() == [] and not spool.path.exists()


async def test_a_crash_mid_write_loses_only_the_unfinished_record(tmp_path, caplog):
    spool = Spool(tmp_path)
    await spool.append([record(1), record(2), record(3)])
    data = spool.path.read_bytes()
    # The process died while writing the third line: cut the file in the middle of it.
    third = data.rfind(b"\n", 0, len(data) - 1) + 1
    spool.path.write_bytes(data[: third + (len(data) - third) // 2])
    with caplog.at_level(logging.WARNING):
        assert [r["body"]["n"] for r in await spool.read()] == [1, 2]
    assert "half-written" in caplog.text

    # The next append cuts the torn tail off and continues on a clean line.
    await spool.append([record(4)])
    assert [r["body"]["n"] for r in await spool.read()] == [1, 2, 4]
    assert spool.path.read_bytes().endswith(b"\n")
    assert all(json.loads(line) for line in spool.path.read_bytes().splitlines())


def fake_registry(log, fail=lambda request: None):
    """A registry in memory: POST is idempotent on pid (409 when different), PATCH merges."""
    datasets = {}

    def respond(request: httpx.Request) -> httpx.Response:
        failure = fail(request)
        if failure is not None:
            return failure
        log.append((request.method, request.url.raw_path.decode()))
        body = json.loads(request.content or b"{}")
        if request.method == "POST":
            stored = datasets.get(body["pid"])
            if stored is None:
                datasets[body["pid"]] = dict(body)
                return httpx.Response(201, json=body)
            if all(stored.get(k) == v for k, v in body.items()):
                return httpx.Response(200, json=stored)
            return httpx.Response(409, json={"error": "different"})
        pid = httpx.URL(str(request.url)).path.split("/datasets/", 1)[1]
        from urllib.parse import unquote

        pid = unquote(pid)
        if pid not in datasets:
            return httpx.Response(404, json={"error": f"Dataset {pid} not found"})
        datasets[pid].update(body)
        return httpx.Response(200, json=datasets[pid])

    return datasets, httpx.MockTransport(respond)


async def test_replay_after_an_outage_ends_in_the_newest_state_even_past_a_409(tmp_path):
    log = []
    datasets, transport = fake_registry(log)
    client = RegistryClient("http://registry/api/v1", "t", transport=transport)
    spool = Spool(tmp_path)
    pid = "i/p/s/scan_0000-x"
    # The newer state already reached the registry (e.g. a flush that died before rewriting the spool).
    datasets[pid] = {"pid": pid, "datasetName": "scan_0000", "startTime": "T0", "size": 20}
    await spool.append(
        [
            Spool.new_record("create", pid, {"pid": pid, "datasetName": "scan_0000", "startTime": "T-old"}, "x"),
            Spool.new_record("update", pid, {"startTime": "T0", "size": 10}, "x"),
            Spool.new_record("update", pid, {"startTime": "T0", "size": 20}, "x"),
        ]
    )
    report = await Delivery(client, spool).flush()
    assert len(report.delivered) == 3 and report.complete
    assert datasets[pid]["size"] == 20 and datasets[pid]["startTime"] == "T0"
    assert [m for m, _ in log] == ["POST", "PATCH", "PATCH"]
    assert log[1][1] == "/api/v1/datasets/i%2Fp%2Fs%2Fscan_0000-x"
    assert await spool.read() == []
    await client.aclose()


async def test_new_records_queue_behind_spooled_ones_and_4xx_is_reported_not_retried(tmp_path):
    log = []
    down = {"on": True}

    def fail(request):
        return httpx.Response(503) if down["on"] else None

    datasets, transport = fake_registry(log, fail)
    client = RegistryClient("http://registry/api/v1", "t", transport=transport)
    spool = Spool(tmp_path)
    delivery = Delivery(client, spool)
    a = Spool.new_record("create", "a", {"pid": "a"}, "x")
    report = await delivery.submit([a, Spool.new_record("update", "a", {"size": 1}, "x")])
    assert len(report.spooled) == 2 and report.unavailable

    down["on"] = False
    # The next success sends the spooled records first, then the new one.
    report = await delivery.submit([Spool.new_record("update", "a", {"size": 2}, "x")])
    assert [m for m, _ in log] == ["POST", "PATCH", "PATCH"] and datasets["a"]["size"] == 2
    assert await spool.read() == []

    with pytest.raises(RegistryError) as refused:
        await delivery.submit([Spool.new_record("update", "missing", {"size": 1}, "x")])
    assert refused.value.status == 404
    assert await spool.read() == [] and [r["pid"] for r in spool.read_rejected()] == ["missing"]
    await client.aclose()


async def test_registry_handler_offline_writes_files_and_spools(tmp_path, dead_endpoint):
    handler = await RegistryHandler(
        dead_endpoint, "t", "S-DEMO-04", tmp_path / "meta", proposal="2026-0042", instrument="KIT/KARA/UFO", timeout=2
    )
    data = tmp_path / "scan_0000"
    data.mkdir()
    (data / "frame_000000.tif").write_bytes(b"0" * 100)
    logging.getLogger("beamline").addHandler(handler)
    logging.getLogger("beamline").warning("shutter opened")
    result = await handler.handle('{"experiment": {}}', ds_name="scan_0000", src_dir=str(data))
    logging.getLogger("beamline").removeHandler(handler)
    assert not result.delivered and result.spooled == 2
    assert result.pid.startswith("KIT/KARA/UFO/2026-0042/S-DEMO-04/scan_0000-")
    document = json.loads((data / "registry_metadata.json").read_text())
    assert document["sample"]["specimenId"] == "S-DEMO-04"
    assert document["proposal"]["proposalId"] == "2026-0042"
    assert document["dataset"]["numberOfFiles"] == 1 and document["dataset"]["size"] == 100
    assert any("shutter opened" in line["message"] for line in document["log"])
    assert [r["op"] for r in await handler.spool.read()] == ["create", "update"]
    await handler.aclose()
    assert len(await handler.spool.read()) == 2  # still there after close: nothing lost


async def test_logging_may_call_flush_and_handle_without_awaiting(tmp_path, dead_endpoint):
    handler = await RegistryHandler(dead_endpoint, "t", "S-1", tmp_path, proposal="P-1", timeout=1)
    logger = logging.getLogger("beamline.flush")
    logger.addHandler(handler)
    logger.error("a record")
    handler.flush()  # what logging.shutdown() does: must neither start nor warn
    logger.removeHandler(handler)
    assert (await handler.flush()).complete
    assert handler._take_log()[0]["message"] == "a record"
    await handler.aclose()
