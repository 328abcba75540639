"""
``beamtime-registry register …``: register a folder that was acquired without the handler (or
again); ``beamtime-registry flush --spool DIR``: send what a session spooled while the registry was
away. The token may come from ``$BEAMTIME_REGISTRY_TOKEN`` instead of ``--token`` (kept out of the
shell history and the process list).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import os
import sys
from pathlib import Path

from .client import AuthenticationError, BackendUnavailable, RegistryClient, RegistryError
from .delivery import Delivery
from .registry import RegistryHandler
from .spool import Spool

TOKEN_ENV = "BEAMTIME_REGISTRY_TOKEN"
DEFAULT_METADATA_DIR = Path.home() / ".local" / "state" / "beamtime-registry"


def _token(args: argparse.Namespace) -> str:
    token = args.token or os.environ.get(TOKEN_ENV)
    if not token:
        raise SystemExit(f"Give the API token with --token or ${TOKEN_ENV}")
    return token


def _concert_metadata(folder: Path) -> str:
    """What Concert's walker wrote in the folder, newest first."""
    for name in ("experiment_finish.json", "experiment.json", "experiment_start.json"):
        path = folder / name
        if path.is_file():
            return path.read_text(encoding="utf-8")
    return "{}"


async def _register(args: argparse.Namespace) -> int:
    folder = Path(args.folder).resolve()
    if not folder.is_dir():
        raise SystemExit(f"{folder} is not a folder")
    handler = await RegistryHandler(
        args.endpoint,
        _token(args),
        args.sample,
        args.metadata_dir,
        proposal=args.proposal,
        instrument=args.instrument,
    )
    try:
        result = await handler.handle(_concert_metadata(folder), ds_name=args.name or folder.name, src_dir=str(folder))
    finally:
        await handler.aclose()
    state = "registered" if result.delivered else f"spooled ({result.spooled} record(s) in {handler.spool.path})"
    print(f"{result.pid}: {state}; metadata in {result.metadata_file}")
    return 0 if result.delivered else 3


async def _flush(args: argparse.Namespace) -> int:
    spool = Spool(args.spool)
    records = await spool.read()
    if not records:
        print(f"Nothing spooled in {spool.path}")
        return 0
    endpoints = [args.endpoint] if args.endpoint else list(dict.fromkeys(r["endpoint"] for r in records))
    if args.endpoint is None and len(endpoints) > 1:
        raise SystemExit(f"The spool holds records for several registries ({', '.join(endpoints)}); pick one with --endpoint")
    client = RegistryClient(endpoints[0], _token(args))
    try:
        report = await Delivery(client, spool).flush()
    finally:
        await client.aclose()
    print(f"Delivered {len(report.delivered)}, still spooled {len(report.spooled)}")
    if report.unavailable:
        print(f"Registry unavailable: {report.unavailable}", file=sys.stderr)
    return 0 if not report.spooled else 3


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="beamtime-registry", description=__doc__)
    parser.add_argument("-v", "--verbose", action="store_true")
    commands = parser.add_subparsers(dest="command", required=True)

    register = commands.add_parser("register", help="register an acquisition folder as a dataset")
    register.add_argument("--endpoint", required=True, help="the registry API, e.g. https://…/api/v1")
    register.add_argument("--token", help=f"API token (default: ${TOKEN_ENV})")
    register.add_argument("--sample", required=True, help="specimen ID or scanned QR text")
    register.add_argument("--folder", required=True, help="the acquisition's folder (src_dir)")
    register.add_argument("--name", help="dataset name (default: the folder's name, e.g. scan_0007)")
    register.add_argument("--proposal", help="proposal ID, needed only while the registry is unreachable")
    register.add_argument("--instrument", help="instrument pid (default: the token's instrument)")
    register.add_argument("--metadata-dir", default=str(DEFAULT_METADATA_DIR), help="spool and metadata copies")

    flush = commands.add_parser("flush", help="send spooled records, in order")
    flush.add_argument("--spool", required=True, help="the handler's metadata_dir")
    flush.add_argument("--endpoint", help="the registry API (default: the one the records were meant for)")
    flush.add_argument("--token", help=f"API token (default: ${TOKEN_ENV})")

    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.DEBUG if args.verbose else logging.INFO, format="%(levelname)s %(message)s")
    try:
        return asyncio.run(_register(args) if args.command == "register" else _flush(args))
    except AuthenticationError as error:
        print(f"The registry refused the token: {error}", file=sys.stderr)
        return 2
    except RegistryError as error:
        print(f"The registry refused the request: {error}", file=sys.stderr)
        return 1
    except BackendUnavailable as error:
        print(f"Registry unavailable: {error}", file=sys.stderr)
        return 3


if __name__ == "__main__":
    sys.exit(main())
