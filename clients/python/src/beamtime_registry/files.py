"""What an acquisition left on disk: counted and summed for the dataset."""

from __future__ import annotations

import os
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path


@dataclass
class FolderSummary:
    number_of_files: int = 0
    size: int = 0
    by_extension: dict[str, int] = field(default_factory=dict)
    first_modified: datetime | None = None
    last_modified: datetime | None = None

    def as_metadata(self) -> dict[str, object]:
        return {
            "numberOfFiles": self.number_of_files,
            "size": {"value": self.size, "unit": "B"},
            "byExtension": self.by_extension,
        }


def summarize_folder(folder: str | os.PathLike[str], exclude: frozenset[str] = frozenset()) -> FolderSummary:
    """Regular files below *folder* (recursively, symlinks not followed); *exclude* are top-level names."""
    root = Path(folder)
    summary = FolderSummary()
    extensions: Counter[str] = Counter()
    if not root.is_dir():
        return summary
    for directory, subdirectories, names in os.walk(root):
        subdirectories.sort()
        for name in sorted(names):
            path = Path(directory, name)
            if path.parent == root and name in exclude:
                continue
            try:
                stat = path.lstat()
            except FileNotFoundError:
                continue
            if not path.is_file() or path.is_symlink():
                continue
            summary.number_of_files += 1
            summary.size += stat.st_size
            extensions[path.suffix.lower() or "(none)"] += 1
            modified = datetime.fromtimestamp(stat.st_mtime, timezone.utc)
            if summary.first_modified is None or modified < summary.first_modified:
                summary.first_modified = modified
            if summary.last_modified is None or modified > summary.last_modified:
                summary.last_modified = modified
    summary.by_extension = dict(sorted(extensions.items()))
    return summary


def iso(moment: datetime) -> str:
    """The registry wants a zone on every time (the acquisition computer's zone is not guessable)."""
    return moment.astimezone(timezone.utc).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def now_iso() -> str:
    return iso(datetime.now(timezone.utc))
