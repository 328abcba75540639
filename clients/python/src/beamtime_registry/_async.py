"""Concert's construction style without importing Concert: ``obj = await Class(...)``."""

from __future__ import annotations

import abc
from typing import Any


class AsyncType(abc.ABCMeta):
    """Calling the class returns an awaitable that constructs the object with ``__ainit__``."""

    def __call__(cls, *args: Any, **kwargs: Any) -> Any:
        async def construct() -> Any:
            obj = cls.__new__(cls)
            await obj.__ainit__(*args, **kwargs)
            return obj

        return construct()


class AsyncObject(metaclass=AsyncType):
    """Root of the classes constructed with ``await Class(...)``, as Concert's AsyncObject."""

    async def __ainit__(self) -> None:
        pass
