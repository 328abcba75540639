"""The differences from SciCat 4.5.0 kept on purpose, each asserted explicitly.

Every entry names a call label of a scenario, what SciCat does, what we do, and why; the comparison
then asserts SciCat's status class (so this record stays true to the peer), ours, and the checks on
our answer, instead of the usual status/shape comparison.

For docs/decisions/010-scicat-conformance.md (observed against SciCat 4.5.0 on FerretDB 1.24):

 1. Repeating a dataset create with the same pid and identical content
    SciCat: 409 Conflict ("A dataset with pid … already exists!"), on v3 and v4.
    Ours:   200 with the stored dataset. Reason: idempotent ingestion; an ingestor retrying after a
            lost answer must not fail. A repeat with different content is 409 on both.
 2. Creating a sample without proposalId
    SciCat: 201 (a sample need not belong to a proposal).
    Ours:   4xx. Reason: every sample here belongs to a proposal (labels, trays, access).
    Consequence: pyscicat 0.4.8's samples_create cannot create a sample here at all, since its
    Sample model has no proposalId field (pydantic drops it).
 3. GET v4 datasets/{pid} with include=origdatablocks / attachments (scitacean's get_dataset)
    SciCat: would embed the relations (documented); this peer answers 400 because FerretDB lacks
            $lookup, so its behaviour cannot be observed here.
    Ours:   200 with `origdatablocks` and `attachments` arrays embedded; checked against SciCat's
            documented shape: the dataset shaped like the peer's GET without include, each embedded
            element shaped like the peer's own origdatablock / attachment answers.
 4. A wrong token on a read (GET lists, GET one)
    SciCat: ignores a token it cannot verify and answers as to an anonymous user: 200 [] for lists,
            403 for a record that is not public. On writes it answers 401 or 403.
    Ours:   401 on every call with an unknown token. Reason: a caller with a bad token should learn
            it, not silently see nothing. Writes: same class (4xx) on both.
 5. The token as `access_token` query parameter only (no Authorization header)
    SciCat 4.5.0: ignores the parameter (anonymous: 403 on a non-public proposal).
    Ours:   accepts it (200). Reason: SciCat 3 (loopback) accepted it and pyscicat still sends it;
            pyscicat also sends the header, so it works on both.
 6. Datasets/fullquery with a scalar field that is not in SciCat's v4 schema (`proposalId`)
    SciCat: 500 (TypeError "Cannot use 'in' operator to search for 'begin'" in schemaTypeOf; an
            upstream bug, not a FerretDB limit). `proposalIds: [..]` works on both.
    Ours:   200 with the matching datasets.
 7. v4 samples, proposals, instruments (GET /api/v4/samples etc.)
    SciCat 4.5.0: 404 (no such v4 routes; scitacean calls v3 samples/proposals/instruments).
    Ours:   200. Reason: our /api/v4 also serves them, a superset.
 8. Instruments/findOne?{json} as pyscicat 0.4.8 sends it (the filter without `filter=`)
    SciCat: ignores the bare JSON and returns the first instrument of the collection.
    Ours:   returns the instrument named in the query, which is what pyscicat's
            instruments_get_one(name=…) means. Status and shape are compared as usual.
 9. GET Instruments/{pid} for an unknown pid (proposed; confirm)
    SciCat: 200 with an empty body (pyscicat's instruments_get_one then returns None).
    Ours:   404, like an unknown dataset, proposal or sample on both.
10. POST Samples with a sampleId that exists
    SciCat: 500 (the duplicate key error is not handled; proposals and instruments answer 409).
    Ours:   409. Reason: a duplicate is the client's error, as for proposals and instruments.
11. POST Samples with sampleCharacteristics that is not an object (a string)
    SciCat: 201, stored as sent.
    Ours:   4xx. Reason: characteristics are key/value metadata here, shown as a table, searched by
            key (`sampleCharacteristics.<key>` filters) and exported; a bare string is none of that.
12. POST Instruments without uniqueName (pyscicat 0.4.8's Instrument model cannot send one)
    SciCat: 400 (uniqueName is required), so pyscicat's instruments_create never works there.
    Ours:   201 with uniqueName = name. Reason: pyscicat's documented call should work.
13. pyscicat 0.4.8 datasets_update (it always sends `type`, a model field with a default)
    SciCat: 400 "property type should not exist" on v3 PATCH, so the call never works there.
    Ours:   200, the update applied (type unchanged is accepted). Reason: pyscicat's documented
            update should work; the read afterwards then shows the update (SciCat: unchanged).
Observed, not a deliberate difference (values are not compared):
 - Instrument pids: SciCat 4.5.0 makes "20.500.12345" + uuid with no separator; dataset pids are
   "20.500.12345/<uuid>".
 - v4 PATCH datasets/{pid} resets size and numberOfFiles to 0 on SciCat 4.5.0 (an upstream bug);
   the suite does not pin totals after a v4 PATCH.
 - GET Proposals reads `filters` (plural) on SciCat 4.5.0; `filter` is ignored there.
 - Full-text search (`fields={"text": …}`, $text) and fullfacet answer 500 on this peer
   (FerretDB); the suite does not call them.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from shape import Check, check, without_si


@dataclass(frozen=True)
class Difference:
    """A call where ours differs from SciCat on purpose; its outcome on both sides is asserted."""

    scicat: str
    ours: str
    reason: str
    peer_status: str  # expected status class on SciCat: 2xx/4xx/5xx/completed/raised
    our_status: str  # expected status class of ours
    our_checks: tuple[Check, ...] = ()
    reference: str | None = None  # a peer call whose body is the documented shape of ours
    embedded: dict[str, str] = field(default_factory=dict)  # field of ours -> peer call: array shaped like its body


def _is_array(name: str) -> Check:
    return check(f"{name} is an array", lambda body: isinstance(body, dict) and isinstance(body.get(name), list))


def _is_empty_list() -> Check:
    return check("not the anonymous empty answer", lambda body: body != [])


IDEMPOTENT_CREATE = Difference(
    scicat="409 Conflict: a dataset with this pid already exists",
    ours="200 with the stored dataset",
    reason="idempotent ingestion: a retry after a lost answer must not fail; different content is 409 on both",
    peer_status="4xx",
    our_status="2xx",
    our_checks=(check("answers the stored dataset (a pid)", lambda body: isinstance(body, dict) and "pid" in body),),
)

SAMPLE_WITHOUT_PROPOSAL = Difference(
    scicat="201: a sample need not belong to a proposal",
    ours="4xx",
    reason="every sample here belongs to a proposal (labels, trays, access rights)",
    peer_status="2xx",
    our_status="4xx",
)

INCLUDE_RELATIONS = Difference(
    scicat="400 on this peer (FerretDB lacks $lookup); SciCat documents the relations embedded",
    ours="200 with origdatablocks and attachments arrays embedded",
    reason="scitacean's get_dataset always asks for include=origdatablocks; FerretDB cannot serve it",
    peer_status="4xx",
    our_status="2xx",
    reference="v4: GET datasets/{pid}",
    embedded={"origdatablocks": "v4: GET origdatablocks?filter={datasetId}", "attachments": "v4: GET attachments/{aid}"},
    our_checks=(_is_array("origdatablocks"), _is_array("attachments")),
)

INCLUDE_ORIGDATABLOCKS = Difference(
    scicat="400 on this peer (FerretDB lacks $lookup); SciCat documents the relation embedded",
    ours="200 with the origdatablocks array embedded",
    reason="scitacean's get_dataset always asks for include=origdatablocks; FerretDB cannot serve it",
    peer_status="4xx",
    our_status="2xx",
    our_checks=(_is_array("origdatablocks"),),
)

WRONG_TOKEN_READ = Difference(
    scicat="answers as to an anonymous user (200 [] for a list, 403 for a non-public record)",
    ours="401",
    reason="a caller with a bad token should learn it instead of silently seeing nothing",
    peer_status="2xx",
    our_status="4xx",
)

QUERY_TOKEN = Difference(
    scicat="SciCat 4.5.0 ignores access_token in the query: anonymous, 403 on a non-public proposal",
    ours="200: the access_token query parameter authenticates",
    reason="SciCat 3 accepted it and pyscicat still sends it (with the header)",
    peer_status="4xx",
    our_status="2xx",
    our_checks=(check("the proposal", lambda body: isinstance(body, dict) and "proposalId" in body),),
)

FULLQUERY_SCALAR = Difference(
    scicat="500: TypeError in schemaTypeOf for a scalar field outside its v4 schema (upstream bug)",
    ours="200 with the matching datasets",
    reason="pyscicat's datasets_find documents plain field queries; proposalIds works on both",
    peer_status="5xx",
    our_status="2xx",
)

V4_EXTRA_ROUTE = Difference(
    scicat="404: SciCat 4.5.0 has no such /api/v4 route (scitacean uses v3 for it)",
    ours="200",
    reason="our /api/v4 serves samples, proposals and instruments too (a superset)",
    peer_status="4xx",
    our_status="2xx",
)

SAMPLE_CHARACTERISTICS_NOT_OBJECT = Difference(
    scicat="201, stored as sent",
    ours="4xx",
    reason="characteristics are key/value metadata here: shown as a table, filtered by key, exported",
    peer_status="2xx",
    our_status="4xx",
)

INSTRUMENT_WITHOUT_UNIQUE_NAME = Difference(
    scicat="400: uniqueName is required (pyscicat 0.4.8's Instrument model cannot send it)",
    ours="201 with uniqueName = name",
    reason="pyscicat's documented instruments_create should work",
    peer_status="4xx",
    our_status="2xx",
    our_checks=(check("uniqueName is the name", lambda body: isinstance(body, dict) and body.get("uniqueName") == body.get("name")),),
)

PYSCICAT_DATASETS_UPDATE = Difference(
    scicat="400: pyscicat sends `type`, which SciCat 4.5.0's v3 PATCH refuses",
    ours="200, the update applied",
    reason="pyscicat's documented datasets_update should work",
    peer_status="4xx",
    our_status="2xx",
)

DIFFERENCES: dict[str, Difference] = {
    "errors: POST Samples with sampleCharacteristics a string": SAMPLE_CHARACTERISTICS_NOT_OBJECT,
    "errors: POST Instruments without uniqueName": INSTRUMENT_WITHOUT_UNIQUE_NAME,
    "pyscicat instruments_create (its model has no uniqueName): POST v3/Instruments": INSTRUMENT_WITHOUT_UNIQUE_NAME,
    "pyscicat instruments_create (its model has no uniqueName): outcome": Difference(
        scicat="raises ScicatCommError (the 400 above)",
        ours="completed",
        reason="see POST Instruments without uniqueName",
        peer_status="raised",
        our_status="completed",
    ),
    "pyscicat datasets_update (whole RawDataset, new scientificMetadata): PATCH v3/Datasets/{id}": PYSCICAT_DATASETS_UPDATE,
    "pyscicat datasets_update (whole RawDataset, new scientificMetadata): outcome": Difference(
        scicat="raises ScicatCommError (the 400 above)",
        ours="completed",
        reason="see pyscicat datasets_update",
        peer_status="raised",
        our_status="completed",
    ),
    "pyscicat datasets_update: GET Datasets/{pid} afterwards": Difference(
        scicat="the dataset unchanged (the update was refused)",
        ours="the dataset with the new scientificMetadata",
        reason="see pyscicat datasets_update",
        peer_status="2xx",
        our_status="2xx",
        our_checks=(
            check(
                "scientificMetadata replaced by the update",
                lambda body: isinstance(body, dict)
                and without_si(body.get("scientificMetadata")) == {"energy": {"value": 30, "unit": "keV"}},
            ),
        ),
    ),
    "datasets: POST Datasets with the same pid again (identical)": IDEMPOTENT_CREATE,
    "v4: POST datasets with the same pid again (identical)": IDEMPOTENT_CREATE,
    "samples: POST Samples without proposalId": SAMPLE_WITHOUT_PROPOSAL,
    "pyscicat samples_create (its model has no proposalId): POST v3/Samples": SAMPLE_WITHOUT_PROPOSAL,
    "pyscicat samples_create (its model has no proposalId): outcome": Difference(
        scicat="completed",
        ours="raises ScicatCommError (the 4xx above)",
        reason="pyscicat 0.4.8's Sample model cannot carry proposalId; every sample here belongs to a proposal",
        peer_status="completed",
        our_status="raised",
    ),
    "v4: GET datasets/{pid}?include=origdatablocks&include=attachments": INCLUDE_RELATIONS,
    "scitacean get_dataset: GET v4/datasets/{id}": INCLUDE_ORIGDATABLOCKS,
    "scitacean get_dataset: outcome": Difference(
        scicat="raises ScicatCommError (the 400 above)",
        ours="completed",
        reason="see include=origdatablocks",
        peer_status="raised",
        our_status="completed",
    ),
    "scitacean download_files (get_dataset's dataset): outcome": Difference(
        scicat="raises (get_dataset failed on FerretDB, there is no dataset to download from)",
        ours="completed",
        reason="see include=origdatablocks",
        peer_status="raised",
        our_status="completed",
    ),
    "errors: GET Datasets with a wrong token": WRONG_TOKEN_READ,
    "login: GET Proposals/{id} with access_token query parameter only": QUERY_TOKEN,
    "datasets: GET Datasets/fullquery fields={proposalId}": FULLQUERY_SCALAR,
    "v4: GET samples/{id}": V4_EXTRA_ROUTE,
    "v4: GET proposals/{id}": V4_EXTRA_ROUTE,
    "v4: GET instruments/{pid}": V4_EXTRA_ROUTE,
    "samples: POST Samples with an existing sampleId": Difference(
        scicat="500 (unhandled duplicate key)",
        ours="409",
        reason="a duplicate is the client's error, as SciCat itself answers for proposals and instruments",
        peer_status="5xx",
        our_status="4xx",
    ),
    "errors: GET Instruments/{unknown pid}": Difference(
        scicat="200 with an empty body",
        ours="404",
        reason="an unknown pid is a 404 as for datasets, proposals and samples (on both)",
        peer_status="2xx",
        our_status="4xx",
    ),
    "instruments: GET Instruments/findOne?{json} (pyscicat, by name)": Difference(
        scicat="200 with the first instrument of the collection (the bare JSON query is ignored)",
        ours="200 with the instrument named in the query",
        reason="that is what pyscicat's instruments_get_one(name=…) means",
        peer_status="2xx",
        our_status="2xx",
        # SciCat's answer is another instrument: ours is shaped like SciCat's answer for this one.
        reference="instruments: GET Instruments/{pid}",
    ),
}
"""Calls kept different on purpose, by label. The checks a scenario pins on such a call state what
ours must answer, so they run on ours only; SciCat is held to `peer_status`."""
