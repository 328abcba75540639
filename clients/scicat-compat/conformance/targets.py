"""The two servers the conformance suite compares: the SciCat peer (the reference) and our app.

Both are configured from the environment, so `e2e/scicat-conformance.spec.ts`, `npm test` and a
developer's shell run the very same suite:

    SCICAT_PEER_URL             the peer's API base including /api/v3 (scripts/scicat-peer.sh start prints it)
    SCICAT_PEER_USERNAME        a functional account of the peer (default ingestor)
    SCICAT_PEER_PASSWORD        its password (default ingestor-pw)
    SCICAT_PEER_OWNER_GROUP     the group the peer account owns records in (default: its username,
                                SciCat's functional accounts are members of a group named after them)
    APP_URL                     our app's root (the API base is APP_URL + /api/v3)
    SCICAT_USERNAME             a functional account of our app (SCICAT_FUNCTIONAL_ACCOUNTS) with all scopes
    SCICAT_PASSWORD             its password
    SCICAT_OWNER_GROUP          the ownerGroup our records are created with (default: the peer's group,
                                so the scripts send identical bodies to both)

The ingestor account of SciCat 4.5.0 may create proposals, samples, datasets (also with its own
pid) and instruments, so the suite needs no admin account.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

import pytest


@dataclass(frozen=True)
class Target:
    """One server under test: where its API is and which functional account logs in."""

    name: str
    api_base: str
    username: str
    password: str
    owner_group: str

    @property
    def api_root(self) -> str:
        """The URL up to /api (scitacean and the v4 calls are built from it)."""
        return self.api_base.rstrip("/").removesuffix("/v3")

    def url(self, path: str, version: str = "v3") -> str:
        """The absolute URL of an API path such as `Datasets/fullquery` for the given API version."""
        return f"{self.api_root}/{version}/{path.lstrip('/')}"


PEER = "SciCat"
OURS = "ours"


def _setting(name: str, default: str | None = None, hint: str = "") -> str:
    """An environment setting; a missing one fails the run loudly (a conformance run never skips)."""
    value = os.environ.get(name, default)
    if not value:
        pytest.fail(f"Set {name}{hint} (see clients/scicat-compat/conformance/targets.py)", pytrace=False)
    return value


def peer_target() -> Target:
    """The SciCat 4.5.0 peer, the reference every answer of ours is compared with."""
    api_base = _setting(
        "SCICAT_PEER_URL", hint=" to the SciCat peer's API base, e.g. http://127.0.0.1:3450/api/v3; start the peer: bash scripts/scicat-peer.sh start"
    ).rstrip("/")
    if not api_base.endswith("/api/v3"):
        pytest.fail(f"SCICAT_PEER_URL must end in /api/v3, got {api_base}", pytrace=False)
    username = _setting("SCICAT_PEER_USERNAME", "ingestor")
    return Target(
        name=PEER,
        api_base=api_base,
        username=username,
        password=_setting("SCICAT_PEER_PASSWORD", "ingestor-pw"),
        owner_group=_setting("SCICAT_PEER_OWNER_GROUP", username),
    )


def our_target(peer: Target) -> Target:
    """Our app; its records use the peer's owner group unless SCICAT_OWNER_GROUP says otherwise."""
    root = _setting("APP_URL", hint=" to our app's root URL, e.g. http://localhost:3000").rstrip("/")
    return Target(
        name=OURS,
        api_base=f"{root}/api/v3",
        username=_setting("SCICAT_USERNAME", hint=" to a functional account of our app"),
        password=_setting("SCICAT_PASSWORD", hint=" to the functional account's password"),
        owner_group=_setting("SCICAT_OWNER_GROUP", peer.owner_group),
    )
