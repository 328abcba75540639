"""Instruments: create (a name with spaces), get by pid and by name (findOne as pyscicat does), list, patch.

SciCat 4.5.0 requires `uniqueName`; pyscicat 0.4.8's Instrument model has no such field, so its
instruments_create cannot create an instrument on SciCat 4.5.0 (recorded as such).
"""

from __future__ import annotations

import json
from urllib.parse import quote_plus

from pyscicat.client import ScicatClient
from pyscicat.model import Instrument

from bodies import body_field
from shape import Session, check, field_is, fields_are, is_list_of, values_are
from targets import OURS


def instruments_scenario(s: Session) -> None:
    name = f"UFO beamline {s.suffix} KIT KARA"
    unique = f"ufo-{s.suffix}"
    created = s.request(
        "instruments: POST Instruments (name with spaces)",
        "POST",
        "Instruments",
        json_body={"name": name, "uniqueName": unique, "customMetadata": {"facility": "KARA", "energy": {"value": 20, "unit": "keV"}}},
        checks=fields_are({"name": name, "uniqueName": unique, "customMetadata.facility": "KARA"})
        + (check("pid is a string", lambda b: isinstance(b["pid"], str) and b["pid"] != ""),),
    )
    pid = body_field(created, "pid", "missing-pid")
    path = f"Instruments/{quote_plus(pid)}"
    s.request("instruments: GET Instruments/{pid}", "GET", path, checks=fields_are({"pid": pid, "name": name}))
    # pyscicat 0.4.8 instruments_get_one(name=…) sends the filter as a bare query string, no `filter=`.
    bare = json.dumps({"where": {"name": {"like": name}}})
    s.request(
        "instruments: GET Instruments/findOne?{json} (pyscicat, by name)",
        "GET",
        f"Instruments/findOne?{bare}",
        checks=(check("the named instrument", lambda b: b["name"] == name, on=OURS),),
    )
    where = {"filter": json.dumps({"where": {"name": name}})}
    s.request("instruments: GET Instruments/findOne?filter={name}", "GET", "Instruments/findOne", params=where, checks=fields_are({"pid": pid, "name": name}))
    s.request("instruments: GET Instruments (list)", "GET", "Instruments")
    by_unique = {"filter": json.dumps({"where": {"uniqueName": unique}})}
    s.request("instruments: GET Instruments?filter={uniqueName}", "GET", "Instruments", params=by_unique, checks=(is_list_of(1), values_are("pid", {pid})))
    renamed = f"{name} (renamed)"
    s.request(
        "instruments: PATCH Instruments/{pid} name and customMetadata",
        "PATCH",
        path,
        json_body={"name": renamed, "customMetadata": {"facility": "KARA", "hutch": "UFO-II"}},
        checks=fields_are({"name": renamed, "customMetadata": {"facility": "KARA", "hutch": "UFO-II"}, "uniqueName": unique}),
    )
    s.request("instruments: GET Instruments/{pid} after PATCH", "GET", path, checks=fields_are({"name": renamed}))
    s.request("instruments: POST Instruments with an existing uniqueName", "POST", "Instruments", json_body={"name": f"other {s.suffix}", "uniqueName": unique})


def pyscicat_instruments_scenario(s: Session) -> None:
    """pyscicat's instruments_create / instruments_get_one / instruments_update, unchanged."""
    name = f"pyscicat beamline {s.suffix}"
    created = s.request("setup: POST Instruments", "POST", "Instruments", json_body={"name": name, "uniqueName": f"py-{s.suffix}"})
    pid = body_field(created, "pid", "missing-pid")
    with s.step("pyscicat login") as result:
        client = ScicatClient(base_url=s.target.api_base, username=s.target.username, password=s.target.password)
        result["value"] = {"logged in": True}
    with s.step("pyscicat instruments_create (its model has no uniqueName)") as result:
        result["value"] = client.instruments_create(Instrument(name=f"pyscicat other {s.suffix}"))
    with s.step("pyscicat instruments_get_one(pid)", checks=(field_is("name", name),)) as result:
        result["value"] = client.instruments_get_one(pid=pid)
    with s.step("pyscicat instruments_update") as result:
        result["value"] = client.instruments_update(Instrument(pid=pid, name=name, customMetadata={"updated": True}))
    with s.step("pyscicat instruments_get_one(pid) after update", checks=(field_is("customMetadata", {"updated": True}),)) as result:
        result["value"] = client.instruments_get_one(pid=pid)


def test_instruments(conformance) -> None:
    conformance(instruments_scenario)


def test_instruments_through_pyscicat(conformance) -> None:
    conformance(pyscicat_instruments_scenario)
