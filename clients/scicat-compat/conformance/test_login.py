"""Login with a functional account, and the token in the Authorization header and as `access_token`."""

from __future__ import annotations

from urllib.parse import quote_plus

from bodies import body_field, proposal, proposal_id
from shape import Session, check, field_is


def login_scenario(s: Session) -> None:
    """POST auth/login as pyscicat and scitacean do; then use the new token both ways."""
    answer = s.request(
        "login: POST auth/login (functional account)",
        "POST",
        "auth/login",
        json_body={"username": s.target.username, "password": s.target.password},
        auth="none",
        checks=(
            check("id is a token string", lambda b: isinstance(b["id"], str) and len(b["id"]) > 10),
            check("access_token equals id", lambda b: b["access_token"] == b["id"]),
        ),
    )
    token = body_field(answer, "id")
    s.request(
        "login: POST auth/login with a wrong password",
        "POST",
        "auth/login",
        json_body={"username": s.target.username, "password": s.target.password + "-wrong"},
        auth="none",
    )
    s.request("login: POST Proposals with the new token", "POST", "Proposals", json_body=proposal(s), token=token)
    path = f"Proposals/{quote_plus(proposal_id(s))}"
    pinned = (field_is("proposalId", proposal_id(s)),)
    s.request("login: GET Proposals/{id} with the token in the header", "GET", path, token=token, checks=pinned)
    s.request(
        "login: GET Proposals/{id} with header and access_token query (as pyscicat sends)",
        "GET",
        path,
        token=token,
        params={"access_token": token},
        checks=pinned,
    )
    s.request(
        "login: GET Proposals/{id} with access_token query parameter only",
        "GET",
        path,
        auth="query",
        token=token,
        checks=pinned,
    )


def test_login_and_token_placement(conformance) -> None:
    conformance(login_scenario)
