"""
The local spool: what could not reach the registry yet, in order, on disk.

One JSON object per line in ``<dir>/spool.jsonl``, appended and fsync'd before the caller is told
"spooled". A crash in the middle of an append leaves a last line without its newline: readers ignore
it, and the next append cuts it off first (it was never acknowledged, and the metadata file next to
the data holds the same content). Removing delivered records rewrites the file through a temporary
file and an atomic rename, so a crash leaves either the old or the new spool, never a mix; a record
delivered just before such a crash is delivered again, which the registry answers idempotently.

Records the registry refused (4xx other than 401/403/409/429) move to ``rejected.jsonl`` in the same
directory: kept for a person to look at, never retried.
"""

from __future__ import annotations

import asyncio
import contextlib
import fcntl
import json
import logging
import os
import uuid
from collections.abc import Iterator
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

LOG = logging.getLogger(__name__)

SPOOL_FILE = "spool.jsonl"
REJECTED_FILE = "rejected.jsonl"
LOCK_FILE = "spool.lock"


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def parse_lines(data: bytes, source: str = "spool") -> list[dict[str, Any]]:
    """The complete records in *data*; a torn last line is left out, a corrupt middle line logged."""
    records: list[dict[str, Any]] = []
    lines = data.split(b"\n")
    # Everything after the last newline is an unfinished append (or empty).
    for number, line in enumerate(lines[:-1], start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except ValueError:
            LOG.error("%s line %d is not JSON and is skipped: %r", source, number, line[:200])
            continue
        if isinstance(record, dict):
            records.append(record)
    if lines[-1].strip():
        LOG.warning("%s ends in a half-written record (a crash while writing); it is ignored", source)
    return records


class Spool:
    """An append-only, crash-safe queue of registry requests in a directory."""

    def __init__(self, directory: str | os.PathLike[str]) -> None:
        self.directory = Path(directory)
        self.path = self.directory / SPOOL_FILE
        self.rejected_path = self.directory / REJECTED_FILE
        # One coroutine at a time in this process; the file lock covers other processes (the CLI).
        self._lock = asyncio.Lock()

    @contextlib.contextmanager
    def _file_lock(self) -> Iterator[None]:
        self.directory.mkdir(parents=True, exist_ok=True)
        with open(self.directory / LOCK_FILE, "a+b") as lock:
            fcntl.flock(lock.fileno(), fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(lock.fileno(), fcntl.LOCK_UN)

    @staticmethod
    def new_record(op: str, pid: str, body: dict[str, Any], endpoint: str) -> dict[str, Any]:
        return {
            "id": uuid.uuid4().hex,
            "spooledAt": datetime.now(timezone.utc).isoformat(timespec="milliseconds"),
            "op": op,
            "pid": pid,
            "endpoint": endpoint,
            "body": body,
        }

    # Blocking parts, run in a worker thread so that an fsync never stalls the event loop.

    def _append_sync(self, path: Path, records: list[dict[str, Any]]) -> None:
        with self._file_lock():
            with open(path, "a+b") as spool:
                spool.seek(0, os.SEEK_END)
                end = spool.tell()
                if end:
                    spool.seek(0)
                    data = spool.read()
                    if not data.endswith(b"\n"):
                        cut = data.rfind(b"\n") + 1
                        LOG.warning("Cutting off a half-written record at the end of %s", path)
                        spool.truncate(cut)
                spool.seek(0, os.SEEK_END)
                for record in records:
                    spool.write(json.dumps(record, ensure_ascii=False, separators=(",", ":")).encode() + b"\n")
                spool.flush()
                os.fsync(spool.fileno())
            _fsync_dir(self.directory)

    def _read_sync(self) -> list[dict[str, Any]]:
        try:
            data = self.path.read_bytes()
        except FileNotFoundError:
            return []
        return parse_lines(data, str(self.path))

    def _remove_sync(self, ids: set[str]) -> None:
        with self._file_lock():
            remaining = [record for record in self._read_sync() if record.get("id") not in ids]
            if not remaining:
                with contextlib.suppress(FileNotFoundError):
                    self.path.unlink()
                _fsync_dir(self.directory)
                return
            temporary = self.path.with_suffix(".jsonl.tmp")
            with open(temporary, "wb") as out:
                for record in remaining:
                    out.write(json.dumps(record, ensure_ascii=False, separators=(",", ":")).encode() + b"\n")
                out.flush()
                os.fsync(out.fileno())
            os.replace(temporary, self.path)
            _fsync_dir(self.directory)

    # The coroutine interface.

    @property
    def lock(self) -> asyncio.Lock:
        return self._lock

    async def append(self, records: list[dict[str, Any]]) -> None:
        await asyncio.to_thread(self._append_sync, self.path, records)

    async def reject(self, record: dict[str, Any], status: int, error: str) -> None:
        rejected = {**record, "rejectedAt": datetime.now(timezone.utc).isoformat(), "status": status, "error": error}
        await asyncio.to_thread(self._append_sync, self.rejected_path, [rejected])

    async def read(self) -> list[dict[str, Any]]:
        return await asyncio.to_thread(self._read_sync)

    async def remove(self, ids: set[str]) -> None:
        if ids:
            await asyncio.to_thread(self._remove_sync, ids)

    def read_rejected(self) -> list[dict[str, Any]]:
        try:
            return parse_lines(self.rejected_path.read_bytes(), str(self.rejected_path))
        except FileNotFoundError:
            return []
