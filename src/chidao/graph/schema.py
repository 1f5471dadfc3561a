"""The graph schema: labels, edge types, their properties, and deterministic ids. The only place.

Every other module (builder, stores, exports, queries) takes names from here, so a label or a
property is spelled once. Ids are derived from what the text says, never from insertion order, so
ingesting the same directive twice, or the same body named in two documents of one province, lands
on the same node.

Id shapes (all lower-case ASCII slugs, ``/`` between parts):

* ``doc:<scope>/<number-key>[/<year>]`` for a numbered document, e.g. ``doc:lai-chau/629-cv-tu/2021``,
  ``doc:vn/16-ct-ttg`` (a central document cited without a date);
  ``doc:<scope>/<number-key>~<issuer-slug>[/<year>]`` when the number is unique only within its
  issuing body: ``12-CV/HU`` of Huyện ủy Mường Tè is ``doc:lai-chau/12-cv-hu~huyen-uy-muong-te/2021``,
  that of Huyện ủy Phong Thổ another document (``chidao.extract.record`` decides which numbers);
  ``doc:<scope>/<issuer-slug>/<type-slug>/<iso-date>`` for an unnumbered one with a date
  (``doc:vn/thuong-truc-ban-bi-thu/dien/2021-07-21``); ``doc:sha/<12 hex>`` when nothing else is known.
* ``body:<scope>/<slug>``, ``post:<scope>/<slug>``, ``group:<scope>/<slug>``, ``person:<scope>/<slug>``.
* ``measure:<document id without 'doc:'>#<n>`` for the n-th measure of a document.

``scope`` is ``vn`` for national bodies and documents, a province slug (``lai-chau``) for local ones,
and ``unknown~<document key>`` for local bodies of a document whose province the text does not give,
so that two such documents never merge bodies on a guess.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

from chidao.resolution.ids import (  # noqa: F401 - re-exported
    ISSUED_BY,
    NATIONAL,
    UNKNOWN,
    actor_id,
    document_id,
    document_key,
    measure_id,
    number_slug,
    slug,
    unknown_scope,
)

# --- node labels ---------------------------------------------------------------------------------

DOCUMENT: Final = "Document"
BODY: Final = "Body"
POST: Final = "Post"
PERSON: Final = "Person"
MEASURE: Final = "Measure"

NODE_LABELS: Final = (DOCUMENT, BODY, POST, PERSON, MEASURE)
"""Groups of bodies ("các huyện ủy, thành ủy") are Body nodes with ``is_group = true``; groups of
posts ("bí thư các huyện ủy") are Post nodes with ``is_group = true``: one label per node, flags as
properties (LadybugDB allows one label per node)."""

# --- edge types ------------------------------------------------------------------------------------

ISSUES: Final = "ISSUES"  # Body | Post -> Document
SIGNS: Final = "SIGNS"  # Person -> Document
CITES: Final = "CITES"  # Document -> Document
ASSIGNS: Final = "ASSIGNS"  # Document -> Body | Post
CONTAINS: Final = "CONTAINS"  # Document -> Measure
RESPONSIBLE_FOR: Final = "RESPONSIBLE_FOR"  # Body | Post -> Measure
ACCOUNTABLE_TO: Final = "ACCOUNTABLE_TO"  # Body | Post -> Body | Post
REPORTS_TO: Final = "REPORTS_TO"  # Body | Post -> Body | Post
ADDRESSED_TO: Final = "ADDRESSED_TO"  # Document -> Body | Post
PART_OF: Final = "PART_OF"  # Body -> Body
HOLDS: Final = "HOLDS"  # Person -> Post

EDGE_TYPES: Final = (ISSUES, SIGNS, CITES, ASSIGNS, CONTAINS, RESPONSIBLE_FOR, ACCOUNTABLE_TO, REPORTS_TO,
                     ADDRESSED_TO, PART_OF, HOLDS)

ACTORS: Final = (BODY, POST)
"""Labels that can be assigned work and be held to account."""

EDGE_ENDPOINTS: Final[dict[str, tuple[tuple[str, ...], tuple[str, ...]]]] = {
    ISSUES: (ACTORS, (DOCUMENT,)),  # a Post when a head signs in person ("CHỦ TỊCH", no TM.)
    SIGNS: ((PERSON,), (DOCUMENT,)),
    CITES: ((DOCUMENT,), (DOCUMENT,)),
    ASSIGNS: ((DOCUMENT,), ACTORS),
    CONTAINS: ((DOCUMENT,), (MEASURE,)),
    RESPONSIBLE_FOR: (ACTORS, (MEASURE,)),
    ACCOUNTABLE_TO: (ACTORS, ACTORS),
    REPORTS_TO: (ACTORS, ACTORS),
    ADDRESSED_TO: ((DOCUMENT,), ACTORS),
    PART_OF: ((BODY,), (BODY,)),
    HOLDS: ((PERSON,), (POST,)),
}

# --- properties ------------------------------------------------------------------------------------
# Every property is a string, integer, boolean or null, so every store and export can hold it.

NODE_PROPERTIES: Final[dict[str, dict[str, str]]] = {
    DOCUMENT: {
        "id": "string", "type": "string", "number": "string", "date": "string", "place": "string",
        "subject": "string", "scope": "string", "family": "string", "is_stub": "boolean",
        "path": "string", "sha256": "string", "format": "string", "encoding": "string",
        "warnings": "string",
    },
    BODY: {
        "id": "string", "name": "string", "key": "string", "kind": "string", "level": "string",
        "jurisdiction": "string", "scope": "string", "is_group": "boolean", "is_central": "boolean",
        "valid_from": "string", "valid_to": "string",
    },
    POST: {
        "id": "string", "name": "string", "key": "string", "level": "string", "jurisdiction": "string",
        "scope": "string", "is_group": "boolean",
    },
    PERSON: {"id": "string", "name": "string", "key": "string", "scope": "string"},
    MEASURE: {
        "id": "string", "document": "string", "item": "string", "ordinal": "int64", "text": "string",
        "span_start": "int64", "span_end": "int64", "deadline": "string",
    },
}

PROVENANCE: Final[dict[str, str]] = {"document": "string", "quote": "string", "span_start": "int64",
                                     "span_end": "int64"}
"""Carried by every edge that comes from text: the source document id, the quote, its span."""

EDGE_PROPERTIES: Final[dict[str, dict[str, str]]] = {
    ISSUES: {**PROVENANCE},
    SIGNS: {**PROVENANCE, "capacity": "string", "title": "string", "on_behalf_of": "string"},
    CITES: {**PROVENANCE, "relation": "string"},
    ASSIGNS: {**PROVENANCE, "role": "string", "item": "string", "measure": "string"},
    CONTAINS: {"document": "string"},
    RESPONSIBLE_FOR: {**PROVENANCE, "role": "string"},
    ACCOUNTABLE_TO: {**PROVENANCE},
    REPORTS_TO: {**PROVENANCE, "cadence": "string"},
    ADDRESSED_TO: {**PROVENANCE, "kind": "string", "purpose": "string"},
    PART_OF: {"document": "string", "source": "string"},
    HOLDS: {**PROVENANCE, "as_of": "string"},
}

ROLES: Final = ("lead", "cooperate", "execute")
CADENCES: Final = ("daily", "weekly", "monthly", "quarterly", "yearly", "regular", "once")
CITE_RELATIONS: Final = ("implements", "based_on", "cites")
ADDRESS_KINDS: Final = ("to", "cc")
ADDRESS_PURPOSES: Final = ("report", "execute", "direct", "cooperate", "inform")
"""``ADDRESSED_TO.purpose``: what a Nơi nhận line says the copy is for ("(để báo cáo)" → report)."""

# --- store bookkeeping (not part of the graph model) -----------------------------------------------

SOURCE_FILE: Final = "SourceFile"
"""One row per ingested file, keyed by ``path``: lets ingest skip unchanged files by sha256 and know
which document a changed file used to hold. Stores keep it beside the graph; exports ignore it."""

SOURCE_FILE_PROPERTIES: Final[dict[str, str]] = {
    "path": "string", "sha256": "string", "document": "string", "ingested_at": "string",
}

# --- ids -------------------------------------------------------------------------------------------

# The pure id helpers live in ``chidao.resolution.ids`` (below extract and graph), re-exported above:
# NATIONAL, UNKNOWN, slug, number_slug, unknown_scope, ISSUED_BY, document_id, document_key, actor_id,
# measure_id.

STORE_FORMAT: Final = 2
"""Version of the ids and tables a store holds. 2: numbers unique only per issuing body carry the
issuer (``ISSUED_BY``). A store without it (older) is refused with the command that rebuilds it."""


LABEL_OF_KIND: Final = {"body": BODY, "group": BODY, "post": POST, "person": PERSON}


def label_of(node_id: str) -> str:
    """The node label an id belongs to (ids carry their kind as a prefix)."""
    prefix = node_id.split(":", 1)[0]
    if prefix == "doc":
        return DOCUMENT
    if prefix == "measure":
        return MEASURE
    return LABEL_OF_KIND[prefix]


@dataclass(frozen=True)
class EdgeKey:
    """The identity of an edge: endpoints, type and a discriminator derived from its content.

    Two mentions of the same fact in the same document (same endpoints, type, discriminator) are one
    edge; networkx multigraph keys and store MERGE keys both use ``key``.
    """

    source: str
    target: str
    type: str
    discriminator: str = ""

    @property
    def key(self) -> str:
        return f"{self.type}|{self.discriminator}" if self.discriminator else self.type
