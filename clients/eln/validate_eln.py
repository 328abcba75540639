"""Checks an .eln export of the Beamtime Sample Registry the way the ELN Consortium checks .eln files.

    python3 -m pip install -r clients/eln/requirements.txt
    python3 clients/eln/validate_eln.py 2026-0042.eln

1. The archive holds exactly one folder, with ro-crate-metadata.json in it (the .eln format).
2. roc-validator checks that folder against the RO-Crate 1.1 profile at severity REQUIRED.
3. ro-crate-py (`rocrate`) reads it, and every sample and dataset it finds is printed as JSON:
   identifiers, names, links between them, beamline file counts and attachments.

Exit status 0 when there is no validation issue and the crate reads back; 1 otherwise.
"""

from __future__ import annotations

import io
import json
import sys
import tempfile
import zipfile
from collections import defaultdict
from pathlib import Path, PurePosixPath

import requests
import rocrate
import urllib3
from requests.adapters import HTTPAdapter
from requests_cache import CachedSession
from rocrate.rocrate import ROCrate
from rocrate_validator import models, services

METADATA_FILE = "ro-crate-metadata.json"
CONTEXT_URL = "https://w3id.org/ro/crate/1.1/context"
PROFILE = "ro-crate-1.1"


def crate_folder(eln: Path, into: Path) -> Path:
    """Unpacks the archive; the .eln format wants one folder at its root, holding the crate."""
    with zipfile.ZipFile(eln) as archive:
        entries = [(PurePosixPath(entry.filename), entry.is_dir()) for entry in archive.infolist()]
        if any(path.is_absolute() or ".." in path.parts for path, _ in entries):
            raise ValueError("the archive has paths outside its folder")
        roots = {path.parts[0] for path, _ in entries}
        if len(roots) != 1 or any(len(path.parts) == 1 and not is_dir for path, is_dir in entries):
            raise ValueError(f"the archive must hold exactly one folder at its root, found {sorted(roots)}")
        archive.extractall(into)
    folder = into / roots.pop()
    if not (folder / METADATA_FILE).is_file():
        raise ValueError(f"{folder.name}/{METADATA_FILE} is missing")
    return folder


class _BundledContext(HTTPAdapter):
    """Answers the RO-Crate context URL with the copy ro-crate-py ships."""

    def send(self, request, **_kwargs):
        body = (Path(rocrate.__file__).parent / "data" / "ro-crate.jsonld").read_bytes()
        raw = urllib3.HTTPResponse(
            body=io.BytesIO(body),
            headers={"Content-Type": "application/ld+json"},
            status=200,
            preload_content=False,
            request_url=request.url,
        )
        return self.build_response(request, raw)


def offline_context_cache(directory: Path) -> str | None:
    """
    roc-validator fetches the RO-Crate JSON-LD context from w3id.org. Without a network, its HTTP
    cache is filled with ro-crate-py's bundled context instead (RO-Crate 1.3, which maps every term
    of 1.1 that a crate like ours uses to the same IRI) and the validator runs offline on it.
    Returns that cache's path, or None when the real context is reachable.
    """
    try:
        requests.get(CONTEXT_URL, timeout=10).raise_for_status()
        return None
    except requests.RequestException:
        cache = directory / "http_cache"
        with CachedSession(cache_name=str(cache), backend="sqlite", expire_after=-1) as session:
            session.mount(CONTEXT_URL, _BundledContext())
            session.get(CONTEXT_URL, headers={"Accept": "application/ld+json, application/json"})
        return str(cache)


def validate(folder: Path, cache: str | None) -> list[dict[str, str]]:
    settings = services.ValidationSettings(
        rocrate_uri=folder,
        profile_identifier=PROFILE,
        requirement_severity=models.Severity.REQUIRED,
        **({"cache_path": cache, "offline": True} if cache else {}),
    )
    result = services.validate(settings)
    return [
        {"severity": issue.severity.name, "check": issue.check.identifier, "message": issue.message}
        for issue in result.get_issues()
    ]


def as_list(value) -> list:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def identifiers(entities) -> list[str]:
    return [entity.get("identifier") for entity in as_list(entities)]


def attachments(record) -> list[dict[str, str]]:
    """The record's images: its attachments, written from their data URIs."""
    images = [part for part in as_list(record.get("hasPart")) if str(part.get("encodingFormat")).startswith("image/")]
    return [
        {"name": image.get("name"), "encodingFormat": image.get("encodingFormat"), "caption": image.get("description")}
        for image in images
    ]


def with_genre(entities, genre: str) -> list:
    return [entity for entity in as_list(entities) if entity.get("genre") == genre]


def summary(crate: ROCrate) -> dict:
    """The records the crate holds, found by their genre, with what links them."""
    beamline_files = defaultdict(int)
    records = defaultdict(list)
    for entity in crate.get_entities():
        types = as_list(entity.type)
        if "File" in types and entity.id.startswith("#"):
            beamline_files[entity["isPartOf"].id] += 1
        elif "Dataset" in types and entity.get("genre"):
            records[entity["genre"]].append(entity)
    root_parts = {part.id for part in as_list(crate.root_dataset.get("hasPart"))}

    def record(entity, **fields):
        return {
            "id": entity.get("identifier"),
            "name": entity.get("name"),
            "folder": entity.id,
            "listedInRoot": entity.id in root_parts,
            **fields,
            "attachments": attachments(entity),
        }

    def tray(entity):
        return record(entity, samples=identifiers(with_genre(entity.get("hasPart"), "sample")))

    def sample(entity):
        trays = identifiers(with_genre(entity.get("isPartOf"), "tray"))
        return record(
            entity,
            status=entity.get("creativeWorkStatus"),
            tray=trays[0] if trays else None,
            position=entity.get("position"),
            datasets=identifiers(entity.get("subjectOf")),
        )

    def dataset(entity):
        return record(
            entity,
            sample=entity["about"].get("identifier") if entity.get("about") else None,
            files=beamline_files[entity.id],
            keywords=entity.get("keywords"),
        )

    return {
        "proposals": [record(entity) for entity in records["proposal"]],
        "trays": [tray(entity) for entity in records["tray"]],
        "samples": [sample(entity) for entity in records["sample"]],
        "datasets": [dataset(entity) for entity in records["dataset"]],
    }


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    eln = Path(argv[1])
    with tempfile.TemporaryDirectory() as directory:
        try:
            folder = crate_folder(eln, Path(directory))
        except (OSError, ValueError, zipfile.BadZipFile) as error:
            print(json.dumps({"file": str(eln), "error": f"not an .eln file: {error}"}))
            return 1
        cache = offline_context_cache(Path(directory))
        issues = validate(folder, cache)
        report = {
            "file": str(eln),
            "validation": {
                "profile": PROFILE,
                "severity": "REQUIRED",
                "context": "ro-crate-py's bundled copy (offline)" if cache else CONTEXT_URL,
                "issues": issues,
            },
            **summary(ROCrate(folder)),
        }
    print(json.dumps(report, indent=2, ensure_ascii=False))
    return 1 if issues else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
