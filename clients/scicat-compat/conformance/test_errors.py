"""Errors: a wrong or missing token, unknown ids, invalid bodies; the status class must match SciCat's.

Where SciCat answers a wrong token as an anonymous user (200 [] on a list), ours answers 401
(differences.py, 5). Error bodies are not compared (SciCat's are NestJS messages).
"""

from __future__ import annotations

from urllib.parse import quote_plus

from bodies import proposal, proposal_id, raw_dataset, sample, setup_proposal_and_sample
from shape import Session


def errors_scenario(s: Session) -> None:
    setup_proposal_and_sample(s)
    wrong = "not-a-valid-token"
    prop = f"Proposals/{quote_plus(proposal_id(s))}"
    s.request("errors: GET Datasets with a wrong token", "GET", "Datasets", token=wrong)
    s.request("errors: GET Proposals/{id} with a wrong token", "GET", prop, token=wrong)
    s.request("errors: POST Datasets with a wrong token", "POST", "Datasets", json_body=raw_dataset(s), token=wrong)
    s.request("errors: POST Samples with a wrong token", "POST", "Samples", json_body=sample(s, sampleId=f"W-{s.suffix}"), token=wrong)
    s.request("errors: PATCH Proposals/{id} with a wrong token", "PATCH", prop, json_body={"title": "x"}, token=wrong)
    s.request("errors: POST v4 datasets with a wrong token", "POST", "datasets", version="v4", json_body={}, token=wrong)
    s.request("errors: POST Datasets without a token", "POST", "Datasets", json_body=raw_dataset(s), auth="none")
    s.request("errors: POST Proposals without a token", "POST", "Proposals", json_body=proposal(s, proposalId=f"NT-{s.suffix}"), auth="none")
    unknown = f"conformance/unknown-{s.suffix}"
    s.request("errors: GET Datasets/{unknown pid}", "GET", f"Datasets/{quote_plus(unknown)}")
    s.request("errors: PATCH Datasets/{unknown pid}", "PATCH", f"Datasets/{quote_plus(unknown)}", json_body={"description": "x"})
    s.request("errors: GET Proposals/{unknown id}", "GET", f"Proposals/UNKNOWN-{s.suffix}")
    s.request("errors: PATCH Proposals/{unknown id}", "PATCH", f"Proposals/UNKNOWN-{s.suffix}", json_body={"title": "x"})
    s.request("errors: GET Samples/{unknown id}", "GET", f"Samples/UNKNOWN-{s.suffix}")
    s.request("errors: GET Instruments/{unknown pid}", "GET", f"Instruments/UNKNOWN-{s.suffix}")
    s.request("errors: GET Datasets/{unknown pid}/origdatablocks", "GET", f"Datasets/{quote_plus(unknown)}/origdatablocks")
    s.request("errors: POST Datasets without the required fields", "POST", "Datasets", json_body={"type": "raw"})
    s.request("errors: POST Datasets with size a string", "POST", "Datasets", json_body=raw_dataset(s, size="big"))
    s.request("errors: POST Datasets with an unknown type", "POST", "Datasets", json_body=raw_dataset(s, type="processed"))
    s.request("errors: POST Datasets derived without inputDatasets", "POST", "Datasets", json_body={**raw_dataset(s), "type": "derived", "investigator": "Ada", "usedSoftware": ["x"]})
    s.request("errors: POST Proposals without title", "POST", "Proposals", json_body={k: v for k, v in proposal(s, proposalId=f"NOT-{s.suffix}").items() if k != "title"})
    s.request("errors: POST Samples with sampleCharacteristics a string", "POST", "Samples", json_body=sample(s, sampleId=f"BAD-{s.suffix}", sampleCharacteristics="pupa"))
    s.request("errors: POST Instruments without uniqueName", "POST", "Instruments", json_body={"name": f"no unique {s.suffix}"})
    s.request("errors: POST auth/login without username and password", "POST", "auth/login", json_body={}, auth="none")
    s.request("errors: POST v4 datasets with a v3 field (proposalId)", "POST", "datasets", version="v4", json_body={"type": "raw", "proposalId": proposal_id(s)})


def test_errors(conformance) -> None:
    conformance(errors_scenario)
