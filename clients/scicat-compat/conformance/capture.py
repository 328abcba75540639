"""Record the HTTP requests pyscicat (requests) and scitacean (httpx) make, without changing them.

The clients run unchanged; only the transport's `send` is wrapped for the duration of a step, so the
suite sees exactly the calls the client libraries make under the hood.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

import httpx
import requests

if TYPE_CHECKING:
    from shape import Session


def _json_or_text(text: str, decode: Any) -> Any:
    if not text:
        return None
    try:
        return decode()
    except ValueError:
        return text


@contextmanager
def capturing(session: Session) -> Iterator[None]:
    """While active, every request sent by requests or by an httpx client other than the session's own is recorded."""
    original_requests_send = requests.Session.send
    original_httpx_send = httpx.Client.send

    def requests_send(self: requests.Session, request: requests.PreparedRequest, **kwargs: Any) -> requests.Response:
        try:
            response = original_requests_send(self, request, **kwargs)
        except requests.RequestException as error:
            session.record_client_request(request.method or "?", request.url or "", None, {"transport error": str(error)})
            raise
        session.record_client_request(request.method or "?", request.url or "", response.status_code, _json_or_text(response.text, response.json))
        return response

    def httpx_send(self: httpx.Client, request: httpx.Request, **kwargs: Any) -> httpx.Response:
        if self is session.http:
            return original_httpx_send(self, request, **kwargs)
        try:
            response = original_httpx_send(self, request, **kwargs)
        except httpx.HTTPError as error:
            session.record_client_request(request.method, str(request.url), None, {"transport error": str(error)})
            raise
        response.read()
        session.record_client_request(request.method, str(request.url), response.status_code, _json_or_text(response.text, response.json))
        return response

    requests.Session.send = requests_send  # type: ignore[method-assign]
    httpx.Client.send = httpx_send  # type: ignore[method-assign]
    try:
        yield
    finally:
        requests.Session.send = original_requests_send  # type: ignore[method-assign]
        httpx.Client.send = original_httpx_send  # type: ignore[method-assign]
