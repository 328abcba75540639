"""
Getting dataset records to the registry, in order, exactly once in effect.

A record is ``{"op": "create" | "update", "pid", "body", …}``: create is ``POST /datasets``, update
is ``PATCH /datasets/{pid}``. Every record of a dataset carries a full state for the fields it sends,
so replaying the records in order ends in the newest state whatever was delivered before:

* create answered 200/201: registered (again).
* create answered 409: the pid is registered with other values, i.e. a later update of this very
  dataset was already delivered (the pid is made from instrument, proposal, sample, scan name and
  folder). The record is done; the updates after it in the spool are still applied, in order, so an
  old state never overwrites the newer one that follows it.
* 5xx, 429, timeouts, refused connections: the registry is away. This record and all after it stay
  (or go) in the spool; nothing is skipped, so order holds.
* 401/403: the token is wrong; records stay spooled, the error is raised (fix the token, then flush).
* any other 4xx: the record itself is wrong and retrying cannot help. It moves to rejected.jsonl and
  the error is raised to the caller.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import Any

from .client import AuthenticationError, BackendUnavailable, RegistryClient, RegistryError
from .spool import Spool

LOG = logging.getLogger(__name__)


@dataclass
class DeliveryReport:
    delivered: list[dict[str, Any]] = field(default_factory=list)
    spooled: list[dict[str, Any]] = field(default_factory=list)
    rejected: list[tuple[dict[str, Any], RegistryError]] = field(default_factory=list)
    unavailable: str | None = None

    @property
    def complete(self) -> bool:
        return not self.spooled and not self.rejected


async def deliver(client: RegistryClient, record: dict[str, Any]) -> None:
    """Send one record; raises BackendUnavailable or RegistryError."""
    op, pid, body = record["op"], record["pid"], record["body"]
    if op == "create":
        response = await client.create_dataset(body)
        if response.status_code == 409:
            LOG.info("Dataset %s is registered with newer values; the updates that follow apply in order", pid)
    elif op == "update":
        await client.update_dataset(pid, body)
    else:
        raise RegistryError(400, f"Unknown spool operation {op!r}")


class Delivery:
    """A client and its spool: submit records in order, spool what cannot go now, flush later."""

    def __init__(self, client: RegistryClient, spool: Spool) -> None:
        self.client = client
        self.spool = spool

    async def submit(self, records: list[dict[str, Any]]) -> DeliveryReport:
        """Deliver *records* after everything spooled before them; spool what cannot go now."""
        async with self.spool.lock:
            if await self.spool.read():
                # Older records first: the new ones queue behind them, and the flush sends all.
                await self.spool.append(records)
                return await self._flush_locked()
            report = DeliveryReport()
            for index, record in enumerate(records):
                try:
                    await deliver(self.client, record)
                    report.delivered.append(record)
                except BackendUnavailable as error:
                    report.unavailable = str(error)
                    report.spooled = records[index:]
                    await self.spool.append(report.spooled)
                    LOG.warning(
                        "Registry unavailable (%s); %d record(s) of %s spooled in %s",
                        error,
                        len(report.spooled),
                        record["pid"],
                        self.spool.path,
                    )
                    return report
                except AuthenticationError:
                    await self.spool.append(records[index:])
                    raise
                except RegistryError as error:
                    await self.spool.reject(record, error.status, str(error))
                    LOG.error("The registry refused %s of %s: %s", record["op"], record["pid"], error)
                    report.rejected.append((record, error))
            self._raise_rejected(report)
            return report

    async def flush(self) -> DeliveryReport:
        """Send the spooled records in order; stops at the first sign that the registry is away."""
        async with self.spool.lock:
            return await self._flush_locked()

    async def _flush_locked(self) -> DeliveryReport:
        report = DeliveryReport()
        done: set[str] = set()
        records = await self.spool.read()
        try:
            for index, record in enumerate(records):
                try:
                    await deliver(self.client, record)
                    report.delivered.append(record)
                except BackendUnavailable as error:
                    report.unavailable = str(error)
                    report.spooled = records[index:]
                    LOG.warning("Registry unavailable (%s); %d record(s) stay spooled", error, len(report.spooled))
                    break
                except AuthenticationError:
                    report.spooled = records[index:]
                    raise
                except RegistryError as error:
                    await self.spool.reject(record, error.status, str(error))
                    LOG.error("The registry refused spooled %s of %s: %s", record["op"], record["pid"], error)
                    report.rejected.append((record, error))
                done.add(record["id"])
        finally:
            await self.spool.remove(done)
        if report.delivered:
            LOG.info("Delivered %d spooled record(s)", len(report.delivered))
        self._raise_rejected(report)
        return report

    @staticmethod
    def _raise_rejected(report: DeliveryReport) -> None:
        if report.rejected:
            record, error = report.rejected[0]
            raise error
