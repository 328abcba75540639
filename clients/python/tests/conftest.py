import os
import uuid

import pytest

REGISTRY_URL = os.environ.get("REGISTRY_URL", "").rstrip("/")
REGISTRY_TOKEN = os.environ.get("REGISTRY_TOKEN", "")
NO_REGISTRY = (
    "REGISTRY_URL and REGISTRY_TOKEN are not set: these tests need the running app "
    "(e2e/concert.spec.ts starts it and sets both)"
)

needs_registry = pytest.mark.skipif(not (REGISTRY_URL and REGISTRY_TOKEN), reason=NO_REGISTRY)


@pytest.fixture
def registry() -> tuple[str, str]:
    return REGISTRY_URL, REGISTRY_TOKEN


@pytest.fixture
def unique_instrument() -> str:
    """Not a registered Instrument: used only in pids, so each test run gets its own datasets."""
    return f"test-{uuid.uuid4().hex[:8]}"


@pytest.fixture
def dead_endpoint() -> str:
    """An address where nothing listens: a bound, never-listening socket's port."""
    import socket

    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    sock.close()
    return f"http://127.0.0.1:{port}/api/v1"
