"""
The registry handler: for each acquisition, a metadata file next to the data and a dataset in the
Beamtime Sample Registry, delivered now or spooled until the registry is back.
"""

from __future__ import annotations

import asyncio
import collections
import hashlib
import logging
import os
import re
import socket
from dataclasses import dataclass
from pathlib import Path
from collections.abc import Awaitable, Callable, Coroutine, Generator
from typing import Any, Generic, TypeVar

import httpx

from .client import DEFAULT_TIMEOUT, BackendUnavailable, RegistryClient, RegistryError
from .delivery import Delivery, DeliveryReport
from .files import FolderSummary, iso, now_iso, summarize_folder
from .handlers import MetadataHandler, parse_metadata, write_json_atomically
from .spool import Spool

LOG = logging.getLogger(__name__)

#: Log lines that go into the dataset's scientificMetadata; the metadata file keeps all of them.
LOG_EXCERPT_LINES = 50
LOG_EXCERPT_CHARS = 500


@dataclass
class HandleResult:
    """What became of one acquisition's metadata."""

    pid: str
    metadata_file: Path
    delivered: bool
    spooled: int


def _sample_id_from_code(code: str) -> str:
    """The specimen ID in a bare ID or a QR URL (…/s/<id>), for offline use only."""
    match = re.search(r"/s/([^/?#]+)/?(?:[?#].*)?$", code.strip())
    return match.group(1) if match else code.strip()


def _safe_name(pid: str) -> str:
    return re.sub(r"[^A-Za-z0-9._-]+", "_", pid)


class RegistryHandler(MetadataHandler, logging.Handler):
    """
    ``handler = await RegistryHandler(endpoint, token, sample, metadata_dir)``

    * *endpoint*: the registry's API, e.g. ``https://registry.example.org/api/v1``.
    * *token*: an API token with ``samples:read`` and ``datasets:write`` (``/admin/tokens``).
    * *sample*: the specimen ID or the scanned QR text; resolved through ``GET /resolve?code=``.
    * *metadata_dir*: this handler's own directory: the spool (``spool.jsonl``), refused records
      (``rejected.jsonl``) and a copy of every metadata file (``datasets/``).
    * *proposal*: only needed to start while the registry is unreachable (else taken from the sample).
    * *instrument*: an Instrument pid, sent as ``instrumentId`` and the first part of dataset pids.

    It is a ``logging.Handler`` as well: records logged while an acquisition runs go, all of them, into
    the metadata file (``log``) and, the last 50, into the dataset's ``scientificMetadata.log_excerpt``.
    """

    async def __ainit__(
        self,
        endpoint: str,
        token: str,
        sample: str,
        metadata_dir: str | os.PathLike[str],
        *,
        proposal: str | None = None,
        instrument: str | None = None,
        metadata_filename: str = "registry_metadata.json",
        timeout: httpx.Timeout | float = DEFAULT_TIMEOUT,
        host: str | None = None,
        log_level: int = logging.INFO,
        log_capacity: int = 10_000,
        transport: httpx.AsyncBaseTransport | None = None,
    ) -> None:
        logging.Handler.__init__(self, level=log_level)
        await MetadataHandler.__ainit__(self)
        self.endpoint = endpoint.rstrip("/")
        self.metadata_dir = Path(metadata_dir)
        self.metadata_filename = metadata_filename
        self.instrument = instrument
        self.host = host or socket.getfqdn()
        self.client = RegistryClient(self.endpoint, token, timeout=timeout, transport=transport)
        self.spool = Spool(self.metadata_dir)
        self.delivery = Delivery(self.client, self.spool)
        self._log: collections.deque[dict[str, Any]] = collections.deque(maxlen=log_capacity)
        self._started: dict[str, dict[str, Any]] = {}
        self.sample: dict[str, Any] = {"specimenId": _sample_id_from_code(sample)}
        self.proposal: dict[str, Any] = {"proposalId": proposal} if proposal else {}
        try:
            resolved = await self.client.resolve(sample)
        except BackendUnavailable as error:
            if not proposal:
                await self.client.aclose()
                raise BackendUnavailable(
                    f"{error}. To start without the registry, pass proposal= as well as the sample ID."
                ) from error
            LOG.warning("Registry unreachable (%s); working offline for sample %s", error, self.sample["specimenId"])
        except BaseException:
            await self.client.aclose()
            raise
        else:
            if resolved.get("kind") != "sample":
                await self.client.aclose()
                raise RegistryError(422, f"{sample!r} is a {resolved.get('kind')}, not a sample; scan the sample's code")
            self.sample = {k: resolved["sample"].get(k) for k in ("specimenId", "specimenName", "description")}
            found = resolved["proposal"]
            if proposal and proposal != found.get("proposalId"):
                await self.client.aclose()
                raise RegistryError(
                    422, f"Sample {self.sample['specimenId']} belongs to proposal {found.get('proposalId')}, not {proposal}"
                )
            self.proposal = {k: found.get(k) for k in ("proposalId", "title", "piName")}
            if resolved.get("tray"):
                tray = resolved["tray"]
                self.sample["tray"] = {"trayId": tray.get("trayId"), "position": tray.get("positionLabel")}
            # Whatever an earlier session left in the spool goes first.
            try:
                await self.delivery.flush()
            except RegistryError as refused:
                LOG.error("Spooled records were refused: %s (see %s)", refused, self.spool.rejected_path)

    # Identity

    def dataset_pid(self, ds_name: str, src_dir: str | os.PathLike[str]) -> str:
        """
        Deterministic, so that a replay or a second call hits the same dataset: instrument, proposal,
        sample, scan name, and a short hash of host and folder (Concert restarts at scan_0000 in every
        new walker root, so the scan name alone is not unique).
        """
        folder = hashlib.sha256(f"{self.host}:{os.path.abspath(src_dir)}".encode()).hexdigest()[:8]
        prefix = self.instrument or "concert"
        return f"{prefix}/{self.proposal['proposalId']}/{self.sample['specimenId']}/{ds_name}-{folder}"

    # logging.Handler

    def emit(self, record: logging.LogRecord) -> None:
        # Called from any thread, maybe inside the event loop: only memory, never I/O here.
        try:
            self._log.append(
                {
                    "time": iso(_record_time(record)),
                    "level": record.levelname,
                    "logger": record.name,
                    "message": self.format(record),
                }
            )
        except Exception:
            self.handleError(record)

    def _take_log(self) -> list[dict[str, Any]]:
        self.acquire()
        try:
            lines = list(self._log)
            self._log.clear()
        finally:
            self.release()
        return lines

    # The acquisition

    def _creation_body(self, pid: str, ds_name: str, src_dir: str, start_time: str) -> dict[str, Any]:
        body: dict[str, Any] = {
            "pid": pid,
            "datasetName": ds_name,
            "type": "raw",
            "sourceFolder": os.path.abspath(src_dir),
            "sourceFolderHost": self.host,
            "sampleId": self.sample["specimenId"],
            "proposalId": self.proposal["proposalId"],
            "startTime": start_time,
            "keywords": ["concert"],
        }
        if self.instrument:
            body["instrumentId"] = self.instrument
        return body

    async def start(self, metadata: str = "", **kwargs: Any) -> DeliveryReport:
        """Optional hook at the start of a run (MetadataHandlersMixin calls it): registers the dataset."""
        ds_name, src_dir = _required(kwargs, "ds_name"), _required(kwargs, "src_dir")
        pid = self.dataset_pid(ds_name, src_dir)
        body = self._creation_body(pid, ds_name, src_dir, now_iso())
        self._started[pid] = body
        self._take_log()  # what was logged before this acquisition is not its log
        return await self._submit([Spool.new_record("create", pid, body, self.endpoint)])

    def handle(self, metadata: Any, **kwargs: Any) -> Any:  # type: ignore[override]
        """
        End of a run: ``await handler.handle(metadata, filename=…, ds_name=…, src_dir=…)``.

        ``logging.Handler`` calls ``handle(record)`` too, synchronously, for every log record; both
        interfaces meet in this one name, so a LogRecord takes the logging path and anything else
        returns the coroutine that Concert awaits.
        """
        if isinstance(metadata, logging.LogRecord):
            return logging.Handler.handle(self, metadata)
        return self._handle_metadata(metadata, **kwargs)

    async def _handle_metadata(self, metadata: str, **kwargs: Any) -> HandleResult:
        ds_name, src_dir = _required(kwargs, "ds_name"), str(_required(kwargs, "src_dir"))
        pid = self.dataset_pid(ds_name, src_dir)
        end_time = now_iso()
        summary: FolderSummary = await asyncio.to_thread(
            summarize_folder, src_dir, frozenset({self.metadata_filename, f".{self.metadata_filename}.tmp"})
        )
        created = self._started.pop(pid, None)
        records = []
        if created is None:
            # Concert's own metadata_handlers call only handle(): register and finish in one go.
            start = iso(summary.first_modified) if summary.first_modified else end_time
            start = min(start, end_time)
            created = self._creation_body(pid, ds_name, src_dir, start)
            records.append(Spool.new_record("create", pid, created, self.endpoint))
        log = self._take_log()
        concert_metadata = parse_metadata(metadata)
        scientific = {
            "concert": concert_metadata,
            "files": summary.as_metadata(),
            "log_excerpt": [
                f"{line['time']} {line['level']} {line['logger']}: {line['message'][:LOG_EXCERPT_CHARS]}"
                for line in log[-LOG_EXCERPT_LINES:]
            ],
        }
        # The creation fields again: after a 409 on replay, this update alone makes the state right.
        patch = {
            "datasetName": created["datasetName"],
            "sourceFolder": created["sourceFolder"],
            "sourceFolderHost": created["sourceFolderHost"],
            "startTime": created["startTime"],
            "endTime": end_time,
            "size": summary.size,
            "numberOfFiles": summary.number_of_files,
            "scientificMetadata": scientific,
        }
        records.append(Spool.new_record("update", pid, patch, self.endpoint))
        document = {
            "schema": "beamtime-registry/metadata/1",
            "dataset": {"pid": pid, **{k: v for k, v in {**created, **patch}.items() if k != "scientificMetadata"}},
            "sample": self.sample,
            "proposal": self.proposal,
            "registry": self.endpoint,
            "filename": kwargs.get("filename"),
            "concert": concert_metadata,
            "files": summary.as_metadata(),
            "log": log,
        }
        # Files first: whatever the network does, the metadata is on disk next to the data.
        metadata_file = Path(src_dir, self.metadata_filename)
        await asyncio.to_thread(write_json_atomically, metadata_file, document)
        await asyncio.to_thread(write_json_atomically, self.metadata_dir / "datasets" / f"{_safe_name(pid)}.json", document)
        report = await self._submit(records)
        return HandleResult(pid=pid, metadata_file=metadata_file, delivered=report.complete, spooled=len(report.spooled))

    async def _submit(self, records: list[dict[str, Any]]) -> DeliveryReport:
        return await self.delivery.submit(records)

    def flush(self) -> Awaitable[DeliveryReport]:  # type: ignore[override]
        """
        ``await handler.flush()``: send what is spooled, in order (every later handle does it too).

        ``logging`` also calls ``flush()`` on its handlers, synchronously, and ignores the result;
        the lazy awaitable starts nothing until awaited, so that call does nothing and warns nothing.
        """
        return _Lazy(self.delivery.flush)

    async def aclose(self) -> None:
        try:
            if await self.spool.read():
                try:
                    await self.delivery.flush()
                except (RegistryError, BackendUnavailable) as error:
                    LOG.warning("Records stay spooled in %s: %s", self.spool.path, error)
        finally:
            await self.client.aclose()
            logging.Handler.close(self)


class DatabaseHandler(RegistryHandler):
    """The name and argument order of Concert's draft: ``await DatabaseHandler(endpoint, secret, …)``."""

    async def __ainit__(self, endpoint: str, secret: str, sample: str, metadata_dir: str | os.PathLike[str], **kwargs: Any) -> None:
        await super().__ainit__(endpoint, secret, sample, metadata_dir, **kwargs)


def _required(kwargs: dict[str, Any], name: str) -> Any:
    value = kwargs.get(name)
    if not value:
        raise TypeError(f"handle() needs the keyword argument {name}= (Concert passes it)")
    return value


def _record_time(record: logging.LogRecord) -> Any:
    from datetime import datetime, timezone

    return datetime.fromtimestamp(record.created, timezone.utc)



T = TypeVar("T")


class _Lazy(Generic[T]):
    """An awaitable that creates its coroutine only when awaited."""

    def __init__(self, factory: Callable[[], Coroutine[Any, Any, T]]) -> None:
        self._factory = factory

    def __await__(self) -> Generator[Any, None, T]:
        return self._factory().__await__()
