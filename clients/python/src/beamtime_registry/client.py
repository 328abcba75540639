"""The registry's REST API (``/api/v1``), asynchronous, with timeouts and typed errors."""

from __future__ import annotations

import logging
from typing import Any
from urllib.parse import quote

import httpx

LOG = logging.getLogger(__name__)

DEFAULT_TIMEOUT = httpx.Timeout(10.0, connect=3.0)


class RegistryError(Exception):
    """The registry refused a request (4xx): the request itself must change, retrying will not help."""

    def __init__(self, status: int, message: str, details: Any = None) -> None:
        super().__init__(f"{status}: {message}" + (f" {details}" if details else ""))
        self.status = status
        self.message = message
        self.details = details


class AuthenticationError(RegistryError):
    """401/403: the token is wrong, revoked, expired or lacks a scope. Fix the token, then flush."""


class BackendUnavailable(Exception):
    """The registry could not be reached, timed out, or answered 5xx/429: try again later."""


def dataset_path(pid: str) -> str:
    # A pid holds slashes (instrument/proposal/sample/scan); the route takes it as one segment.
    return "/datasets/" + quote(pid, safe="")


class RegistryClient:
    """One connection pool to the registry; ``await client.aclose()`` when done."""

    def __init__(
        self,
        endpoint: str,
        token: str,
        *,
        timeout: httpx.Timeout | float = DEFAULT_TIMEOUT,
        transport: httpx.AsyncBaseTransport | None = None,
    ) -> None:
        self.endpoint = endpoint.rstrip("/")
        self._http = httpx.AsyncClient(
            base_url=self.endpoint,
            headers={"Authorization": f"Bearer {token}", "Accept": "application/json"},
            timeout=timeout,
            transport=transport,
        )

    async def aclose(self) -> None:
        await self._http.aclose()

    async def request(
        self, method: str, path: str, *, json: Any = None, params: dict[str, str] | None = None, conflict_ok: bool = False
    ) -> httpx.Response:
        try:
            response = await self._http.request(method, self.endpoint + path, json=json, params=params)
        except httpx.HTTPError as error:
            raise BackendUnavailable(f"{method} {self.endpoint}{path}: {type(error).__name__}: {error}") from error
        if response.status_code >= 500 or response.status_code == 429:
            raise BackendUnavailable(f"{method} {self.endpoint}{path}: HTTP {response.status_code}")
        if response.status_code == 409 and conflict_ok:
            return response
        if response.status_code >= 400:
            try:
                body = response.json()
            except ValueError:
                body = {"error": response.text[:500]}
            error_class = AuthenticationError if response.status_code in (401, 403) else RegistryError
            raise error_class(response.status_code, str(body.get("error", "")), body.get("details"))
        return response

    async def resolve(self, code: str) -> dict[str, Any]:
        """What a scanned code or typed ID names (``GET /resolve?code=``)."""
        return (await self.request("GET", "/resolve", params={"code": code})).json()

    async def create_dataset(self, body: dict[str, Any]) -> httpx.Response:
        """POST /datasets: 201 created, 200 already registered alike, 409 registered differently."""
        return await self.request("POST", "/datasets", json=body, conflict_ok=True)

    async def update_dataset(self, pid: str, patch: dict[str, Any]) -> dict[str, Any]:
        return (await self.request("PATCH", dataset_path(pid), json=patch)).json()

    async def get_dataset(self, pid: str) -> dict[str, Any]:
        return (await self.request("GET", dataset_path(pid))).json()

    async def sample_datasets(self, specimen_id: str, limit: int = 1000) -> dict[str, Any]:
        path = "/samples/" + quote(specimen_id, safe="") + "/datasets"
        return (await self.request("GET", path, params={"limit": str(limit)})).json()
