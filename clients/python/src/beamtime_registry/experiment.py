"""
``metadata_handlers=`` for Concert releases that do not have it yet (PyPI 0.33).

Concert's metadata branch gives ``Experiment.__ainit__`` a ``metadata_handlers`` argument and awaits
``handler.handle(metadata, filename=…, ds_name=…, src_dir=…)`` for each at the end of ``_run``. This
mixin does the same on top of a released Experiment::

    class Radiography(MetadataHandlersMixin, ImagingExperiment): ...
    exp = await Radiography(..., walker=walker, metadata_handlers=[registry])

``_run`` below is Concert 0.33.0's ``Experiment._run`` with two additions: handlers that have a
``start`` coroutine are told about the run once the walker stands in its folder, and all handlers
are awaited before the walker ascends. A handler's failure is logged and turns the run into
"error" (as a failing ``finish`` does) after every handler has had its turn. When Concert ships
``metadata_handlers`` itself, drop the mixin and pass the same handlers.
"""

from __future__ import annotations

import logging
import os
import time
from typing import Any

LOG = logging.getLogger("concert.experiments.base")

METADATA_FILENAME = "experiment.json"


class MetadataHandlersMixin:
    """Adds ``metadata_handlers=`` to a Concert Experiment (put it before the Experiment class)."""

    async def __ainit__(self, *args: Any, metadata_handlers: list[Any] | None = None, **kwargs: Any) -> None:
        self.metadata_handlers = list(metadata_handlers or [])
        await super().__ainit__(*args, **kwargs)  # type: ignore[misc]

    def _run(self) -> Any:
        # Concert's run() keeps what _run returns to report the state, so it must be a Task.
        from concert.coroutines.base import start

        return start(self._run_with_metadata_handlers())

    async def _call_handlers(self, method: str, metadata: str, **kwargs: Any) -> list[BaseException]:
        errors: list[BaseException] = []
        for handler in self.metadata_handlers:
            call = getattr(handler, method, None)
            if call is None:
                continue
            try:
                await call(metadata, **kwargs)
            except Exception as error:  # every handler gets its turn, whatever the others do
                LOG.error("Metadata handler %s.%s failed: %s", type(handler).__name__, method, error)
                errors.append(error)
        return errors

    async def _run_with_metadata_handlers(self) -> None:
        from concert.base import StateError
        from concert.helpers import get_basename

        exp: Any = self
        exp.ready_to_prepare_next_sample.clear()
        start_time = time.time()
        handler = None
        iteration = await exp.get_iteration()
        separate_scans = await exp.get_separate_scans()
        log_handlers = [h for h in self.metadata_handlers if isinstance(h, logging.Handler)]
        src_dir = None

        if exp.walker:
            if separate_scans:
                await exp.walker.descend((await exp.get_name_fmt()).format(iteration))
            if os.path.exists(await exp.walker.get_current()):
                handler = await exp.walker.register_logger(
                    logger_name=exp.__class__.__name__, log_level=logging.NOTSET, file_name="experiment.log"
                )
                exp.log.addHandler(handler)
                if await exp.get_log_devices_at_start():
                    exp_metadata: str = await exp._prepare_metadata_str()
                    await exp.walker.log_to_json(payload=exp_metadata, filename="experiment_start.json")
            src_dir = await exp.walker.get_current()
            exp._current_name = get_basename(src_dir)
        for log_handler in log_handlers:
            exp.log.addHandler(log_handler)
        if src_dir:
            start_errors = await self._call_handlers(
                "start", await exp._prepare_metadata_str(), ds_name=exp._current_name, src_dir=src_dir
            )
            if start_errors:
                LOG.warning("The acquisition runs on; its metadata is still handled at the end")
        exp.log.info(await exp.info_table)
        for name, device in exp._devices_to_log.items():
            exp.log.info(f"Device {name}:")
            exp.log.info(await device.info_table)
        LOG.debug("Experiment iteration %d start", iteration)

        try:
            await exp.prepare()
            await exp.acquire()
        finally:
            try:
                await exp.finish()
                if exp.walker:
                    if await exp.get_log_devices_at_finish():
                        exp_metadata = await exp._prepare_metadata_str()
                        await exp.walker.log_to_json(payload=exp_metadata, filename="experiment_finish.json")
                if src_dir:
                    errors = await self._call_handlers(
                        "handle",
                        await exp._prepare_metadata_str(),
                        filename=METADATA_FILENAME,
                        ds_name=exp._current_name,
                        src_dir=src_dir,
                    )
                    if errors:
                        raise errors[0]
            except Exception as e:
                LOG.warning(f"Error `{e}' while finalizing experiment")
                raise StateError("error", msg=str(e))
            finally:
                for log_handler in log_handlers:
                    exp.log.removeHandler(log_handler)
                exp.ready_to_prepare_next_sample.set()
                if separate_scans and exp.walker:
                    await exp.walker.ascend()
                LOG.debug("Experiment iteration %d duration: %.2f s", iteration, time.time() - start_time)
                if handler:
                    await handler.aclose()
                    exp.log.removeHandler(handler)
                await exp.set_iteration(iteration + 1)
