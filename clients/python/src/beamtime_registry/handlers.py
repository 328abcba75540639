"""
The handler interface of Concert's metadata branch (``concert/metadata/strategies.py``), and the file
writer. An experiment awaits ``handler.handle(metadata, filename=…, ds_name=…, src_dir=…)`` at the end
of every run; ``metadata`` is the JSON text Concert writes today (experiment parameters, logged devices).
"""

from __future__ import annotations

import abc
import asyncio
import json
import logging
import os
from pathlib import Path
from typing import Any

from ._async import AsyncObject

LOG = logging.getLogger(__name__)


def parse_metadata(metadata: str) -> Any:
    """Concert's metadata text as JSON; text that is not JSON is kept as it is, never dropped."""
    try:
        return json.loads(metadata) if metadata else {}
    except ValueError:
        return {"text": metadata}


def write_json_atomically(path: Path, document: Any) -> None:
    """A reader (or a crash) sees the old file or the new one, never half of it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.tmp")
    with open(temporary, "w", encoding="utf-8") as out:
        json.dump(document, out, indent=2, ensure_ascii=False, default=str)
        out.write("\n")
        out.flush()
        os.fsync(out.fileno())
    os.replace(temporary, path)


class MetadataHandler(AsyncObject):
    """Something that keeps an acquisition's metadata. Construct with ``await``, end with ``aclose()``."""

    async def __ainit__(self) -> None:
        await super().__ainit__()

    @abc.abstractmethod
    async def handle(self, metadata: str, **kwargs: Any) -> Any:
        """Keep *metadata* (a JSON text) of the acquisition named ``ds_name`` stored in ``src_dir``."""

    async def aclose(self) -> None:
        """Release what the handler holds; the default holds nothing."""


class FileHandler(MetadataHandler):
    """
    Writes the metadata as a JSON file next to the data: ``<src_dir>/<filename>``. With a walker
    standing in ``src_dir``, the walker's ``log_to_json`` writes it (so a remote walker writes on its
    own host); otherwise the file is written directly, atomically.
    """

    async def __ainit__(self, walker: Any = None, filename: str = "experiment.json") -> None:
        self.walker = walker
        self.filename = filename
        await super().__ainit__()

    async def handle(self, metadata: str, **kwargs: Any) -> Path | None:
        filename = kwargs.get("filename") or self.filename
        src_dir = kwargs.get("src_dir")
        payload = json.dumps(parse_metadata(metadata), indent=2, ensure_ascii=False, default=str)
        walker = self.walker
        if walker is not None and hasattr(walker, "log_to_json"):
            current = await walker.get_current() if hasattr(walker, "get_current") else None
            # Concert's end of _run may have ascended already; then the walker writes elsewhere.
            if src_dir is None or (current is not None and os.path.abspath(current) == os.path.abspath(src_dir)):
                await walker.log_to_json(payload=payload, filename=filename)
                return Path(current, filename) if current else None
        if src_dir is None:
            raise ValueError("FileHandler without a walker needs src_dir= (the acquisition's folder)")
        path = Path(src_dir, filename)
        await asyncio.to_thread(write_json_atomically, path, json.loads(payload))
        return path
