"""The stored queries: data (name, title, description, parameters, Cypher). All their Cypher is here.

Cypher is written in the Neo4j dialect; ``cypher_ladybug`` exists only where LadybugDB differs
(``label(r)`` where Neo4j has ``type(r)``; ``* SHORTEST`` reachability where Neo4j enumerates
variable-length paths). Parameters that name a body, post, person or document accept an id or a
name; the runner turns them into ``$ids``. ``example`` holds parameters that give rows on the
bundled sample directives: docs/queries.md shows them and tests/queries pins their exact output.

Items sort in document order, not as text (1, 2, 10, not 1, 10, 2): rows order by the measure's id
by length, then by text (``ORDER BY size(measure_id), measure_id``); within one document the ids
share their prefix and end with the measure's ordinal, so this is its place in the text, and it runs
unchanged on both engines (neither has a natural sort, LadybugDB no ``toInteger``).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from chidao.graph import schema


@dataclass(frozen=True)
class Param:
    name: str
    kind: str  # actor | person | document | date | int | text
    description: str
    default: str | None = None

    @property
    def required(self) -> bool:
        return self.default is None


@dataclass(frozen=True)
class StoredQuery:
    name: str
    title: str
    description: str
    params: tuple[Param, ...]
    cypher: str
    cypher_ladybug: str | None = None
    example: dict[str, str] = field(default_factory=dict)
    documents: tuple[str, ...] = ("document",)
    """Columns that name documents (``coalesce(d.number, d.id)``): the runner turns the ids of documents
    without a number into their type, date and issuer (:func:`chidao.graph.names.document_label`)."""

    window: Window | None = None
    """How to answer ``limit=N`` from the first N groups' keys, read first (see :class:`Window`)."""
    pager: Pager | None = None
    """How to answer ``limit=N`` without computing every row (see :class:`Pager`)."""
    stepwise: Stepwise | None = None
    """LadybugDB only: how to answer it node by node (see :class:`Stepwise`)."""
    focused: Focused | None = None
    """The query about one node, run when its optional node parameter is given (left out, the
    parameter's default ``""`` means every node, and :attr:`cypher` runs)."""

    def text_for(self, backend: str) -> str:
        return self.cypher_ladybug if backend == "ladybug" and self.cypher_ladybug else self.cypher


@dataclass(frozen=True)
class Window:
    """The first rows of a query whose every group (a citing document) gives at least one row, from
    the first N groups, read by a query of their own.

    ``keys`` returns the key of the first ``$first`` groups in the query's order (column ``key``);
    ``cypher`` is the query started from ``$keys`` (a list), which both engines plan as index
    look-ups and expansions from those nodes. The first N rows all belong to the first N groups, and
    every row of a key in ``$keys`` is computed, so the restricted query's first N rows are the
    query's. Kept apart from the query, not ``collect``-ed inside it: LadybugDB drops an ``ORDER BY``
    before ``LIMIT`` and ``collect`` (see docs/decisions.md)."""

    keys: str
    cypher: str
    nearest: str | None = None
    """Optional: the same keys from the nearest level alone (``keys`` ordered by a level first). When
    it fills the page, the page's keys are all of that level, and the deeper levels (expanding every
    path) are never walked."""


@dataclass(frozen=True)
class Pager:
    """The first rows of a query whose order starts with a key that groups its rows (a document, a
    deadline), without computing the rest.

    ``keys`` returns that key's distinct values in the query's order (column ``key``; the runner
    appends ``LIMIT``); ``cypher`` is the query itself restricted to rows whose key is ``<= $upto``.
    Every row of the first W keys is then computed and every other row sorts after them, so when the
    restricted query gives at least N rows (or W covers every key) its first N rows are the query's
    first N; otherwise the runner widens W. Used where the whole query groups or sorts the whole
    store (lead-conflicts, deadlines) and its first page needs only a few groups.
    """

    keys: str
    cypher: str


@dataclass(frozen=True)
class Stepwise:
    """An upward chain answered on LadybugDB as one reachability query, then one query per node
    reached, nearest first.

    Joined in one query, LadybugDB plans the links leaving the reached nodes as a hash join: it reads
    every ``REPORTS_TO`` and ``ACCOUNTABLE_TO`` edge of the store (about 20 ms each at 100,000
    documents, whatever the node), where a node found by its key (``{id: $id}``) reads only its own
    edges. ``reach`` returns ``start``, ``id`` and ``hop`` (the reached node and its distance, null
    when nothing is reached); ``links`` returns the rows leaving the node ``$id`` at step ``$step``.
    The runner merges them in the order ``order`` (nulls last, as the engine sorts) and, for a first
    page, stops after the first step that fills it: every later row has a greater step."""

    reach: str
    links: str
    order: tuple[str, ...]


@dataclass(frozen=True)
class Focused:
    """A query about one node (``$id``), run once for each node the parameter names.

    LadybugDB finds a node by its key for ``{id: $id}`` or ``WHERE n.id = $id``, not for ``n.id IN
    $ids``, which it plans as a scan and a join (``citations`` of the median cited document at
    100,000 documents: 37 ms against 11). The rows of several nodes are merged in the order
    ``order`` (columns; a leading ``-`` sorts that column descending)."""

    cypher: str
    order: tuple[str, ...]


BODY = Param("body", "actor", "a body or post: id (body:lai-chau/…) or name, with its province if several "
             "provinces have one, e.g. \"Ban Tuyên giáo Tỉnh ủy Lai Châu\"")
DOCUMENT = Param("document", "document", "a document: id (doc:vn/16-ct-ttg) or number, e.g. 16/CT-TTg")
PERSON = Param("person", "person", "a person: id or name, e.g. \"Lê Văn Lương\"")

_CHAIN = """
UNWIND $ids AS start MATCH (s{ACTOR} {id: start})
OPTIONAL MATCH p = (s)-[:ACCOUNTABLE_TO|REPORTS_TO|PART_OF{REACH}]->(x)
WITH s, x, length(p) AS hop
UNWIND [{id: s.id, hop: 0}, {id: x.id, hop: hop}] AS reached
WITH reached.id AS id, min(reached.hop) AS hop
WHERE id IS NOT NULL
MATCH (a{ACTOR})-[r:ACCOUNTABLE_TO|REPORTS_TO|PART_OF]->(b) WHERE a.id = id
OPTIONAL MATCH (d:Document {id: r.document})
RETURN DISTINCT hop + 1 AS step, a.name AS from, {TYPE}(r) AS link, b.name AS to, r.cadence AS cadence,
       coalesce(d.number, d.id) AS document, d.date AS date, r.quote AS quote, a.id AS from_id, b.id AS to_id
ORDER BY step, from, link, to, document, date, from_id, to_id, cadence, quote
"""
"""Everything reachable upward with its distance, then every link leaving what was reached: ``step``
1 leaves the start, step 2 leaves what step 1 reached, and so on to the top. LadybugDB enumerates
variable-length paths; its ``* SHORTEST`` reachability is 15× faster and finds the same nodes. There,
``(a:Body:Post)`` (either label; in Neo4j it would mean both) replaces an unlabeled ``(a)``, which
scans every node table, and the start is found by key (``UNWIND … {id: start}``) instead of
``WHERE s.id IN $ids``: 86 → 32 ms for the busiest chain at 10k documents, the same rows. (The same
rewrite made the other queries slower, so they keep their first form.)"""

_CHAIN_ORDER = ("step", "from", "link", "to", "document", "date", "from_id", "to_id", "cadence", "quote")
"""Every column: rows that tie on the first five (two documents with one number, a link with two
cadences) come in one order on every engine and every run."""

_CHAIN_REACH = """
UNWIND $ids AS start MATCH (s:Body:Post {id: start})
OPTIONAL MATCH p = (s)-[:ACCOUNTABLE_TO|REPORTS_TO|PART_OF* SHORTEST 1..6]->(x)
RETURN s.id AS start, x.id AS id, length(p) AS hop
"""

_CHAIN_LINKS = """
MATCH (a:Body:Post {id: $id})-[r:ACCOUNTABLE_TO|REPORTS_TO|PART_OF]->(b)
OPTIONAL MATCH (d:Document {id: r.document})
RETURN DISTINCT $step AS step, a.name AS from, label(r) AS link, b.name AS to, r.cadence AS cadence,
       coalesce(d.number, d.id) AS document, d.date AS date, r.quote AS quote, a.id AS from_id, b.id AS to_id
"""
"""The chain's rows leaving one node (:class:`Stepwise`). At 100,000 documents, the first 100 rows
of the median start: 78 → 18 ms (the busiest start's: 78 → 41 ms); all 3,253 rows: 81 → 58 ms."""

_RESPONSIBILITIES = """
MATCH (a)-[rf:RESPONSIBLE_FOR]->(m:Measure)<-[:CONTAINS]-(d:Document)
WHERE a.id IN $ids
OPTIONAL MATCH (a)-[acc:ACCOUNTABLE_TO]->(t) WHERE acc.document = d.id
OPTIONAL MATCH (a)-[rep:REPORTS_TO]->(u) WHERE rep.document = d.id
RETURN a.name AS body, rf.role AS role, coalesce(d.number, d.id) AS document, d.date AS date, m.item AS item,
       left(m.text, 160) AS measure, m.deadline AS deadline, collect(DISTINCT t.name) AS answers_to,
       collect(DISTINCT CASE WHEN u IS NULL THEN NULL WHEN rep.cadence IS NULL THEN u.name
                             ELSE u.name + ' (' + rep.cadence + ')' END) AS reports_to, rf.quote AS quote,
       m.id AS measure_id, a.id AS body_id
ORDER BY date, document, size(measure_id), measure_id, role
"""

_TREE = """
MATCH (root:Document) WHERE root.id IN $ids
MATCH p = (d:Document)-[:CITES*1..3]->(root)
WITH DISTINCT root, length(p) AS level, d
OPTIONAL MATCH (i:Body)-[:ISSUES]->(d)
WITH root, level, d, collect(DISTINCT i.name) AS issued_by
OPTIONAL MATCH (d)-[a:ASSIGNS]->(b)
RETURN DISTINCT root.id AS root, level, d.id AS document_id, coalesce(d.number, d.id) AS document,
       d.date AS date, issued_by, a.role AS role, b.name AS assigned, a.item AS item, a.measure AS measure_id
ORDER BY level, date, document_id, size(measure_id), measure_id, assigned
"""
"""Issuers are collected once per citing document, before its assignments are joined (it used to be
once per row)."""

_TREE_KEYS = """
MATCH (root:Document) WHERE root.id IN $ids
MATCH p = (d:Document)-[:CITES*1..3]->(root)
WITH DISTINCT root, length(p) AS level, d
RETURN d.id AS key ORDER BY level, d.date, key, root.id LIMIT $first
"""

_TREE_KEYS_DIRECT = """
MATCH (root:Document) WHERE root.id IN $ids
MATCH (d:Document)-[:CITES]->(root)
WITH DISTINCT root, d
RETURN d.id AS key ORDER BY d.date, key, root.id LIMIT $first
"""
"""``_TREE_KEYS`` at level 1: the documents citing the root directly. At 100,000 documents the most
cited document has tens of thousands of paths of length 1 to 3 and 2.2 s went to expanding them all
for a page that the direct citers fill."""

_TREE_PAGE = """
MATCH (d:Document) WHERE d.id IN $keys
MATCH p = (d)-[:CITES*1..3]->(root:Document) WHERE root.id IN $ids
WITH DISTINCT d, root, length(p) AS level
OPTIONAL MATCH (i:Body)-[:ISSUES]->(d)
WITH d, root, level, collect(DISTINCT i.name) AS issued_by
OPTIONAL MATCH (d)-[a:ASSIGNS]->(b)
RETURN DISTINCT root.id AS root, level, d.id AS document_id, coalesce(d.number, d.id) AS document,
       d.date AS date, issued_by, a.role AS role, b.name AS assigned, a.item AS item, a.measure AS measure_id
ORDER BY level, date, document_id, size(measure_id), measure_id, assigned
"""
"""The first page of the tree (:class:`Window`): the first N citing documents by level, date and id,
then the query started from them. Started from the root, the engines join assignments by scanning
the whole ``ASSIGNS`` table (248 ms for the busiest root at 10,000 documents, 119 ms with the limit
inside); started from the documents, 32 ms for both steps. At 100,000 the path to the root is
matched right after the documents: matched after their assignments, LadybugDB expanded it from the
root (every path into the most cited document) and joined, 3.2–3.8 s; first, 0.7–1.0 s on shared
cores. The nearest level gives the keys when it fills the page (``_TREE_KEYS_DIRECT``)."""

_WHO_ASSIGNED = """
MATCH (d:Document)-[a:ASSIGNS]->(b) WHERE b.id IN $ids
OPTIONAL MATCH (i)-[:ISSUES]->(d)
RETURN b.name AS body, collect(DISTINCT i.name) AS issuers, coalesce(d.number, d.id) AS document, d.date AS date,
       a.role AS role, a.item AS item, a.quote AS quote, b.id AS body_id, a.measure AS measure_id
ORDER BY date, document, size(measure_id), measure_id, role
"""

_UNACCOUNTABLE = """
MATCH {START}
WHERE NOT EXISTS { MATCH (a)-[:ACCOUNTABLE_TO|REPORTS_TO]->() }{THEN}
RETURN a.id AS id, a.name AS name, a.jurisdiction AS jurisdiction, count(DISTINCT m) AS measures
ORDER BY measures DESC, id
"""
"""On LadybugDB the actors are filtered first (``(a:Body:Post)``, either label) and only then expanded
to their measures; from the edges, the engine checked the ``EXISTS`` once per responsibility
(104 → 69 ms at 10,000 documents, the same rows). Ordered by the count, it must still count every
unaccountable actor's measures."""

_SIGNER_REACH = """
MATCH (p:Person)-[s:SIGNS]->(d:Document) WHERE p.id IN $ids
OPTIONAL MATCH (d)-[:ASSIGNS|ADDRESSED_TO]->(b)
RETURN p.name AS person, s.capacity AS capacity, s.title AS title, coalesce(d.number, d.id) AS document, d.date AS date,
       count(DISTINCT b) AS bodies_reached, collect(DISTINCT b.name) AS bodies
ORDER BY date, document
"""

_LEAD_CONFLICTS = """
MATCH (d:Document)-[:CONTAINS]->(m:Measure)<-[r:RESPONSIBLE_FOR]-(a){UPTO}
WITH d, m, sum(CASE WHEN r.role = 'lead' THEN 1 ELSE 0 END) AS leads, count(DISTINCT a) AS assignees,
     collect(DISTINCT a.name) AS bodies
WHERE assignees >= $min_assignees AND leads <> 1
RETURN coalesce(d.number, d.id) AS document, d.id AS document_id, m.item AS item, m.id AS measure_id, leads,
       assignees, bodies, left(m.text, 120) AS measure
ORDER BY document_id, size(measure_id), measure_id
"""
"""Every measure's responsible bodies are grouped before the filter: 13 s at 100,000 documents for the
whole answer. Its first page comes from the first documents by id (:class:`Pager`): ``WHERE d.id <=
$upto`` makes both engines start from those documents (1.5 s → 8 ms at 10,000 documents)."""

_LEAD_CONFLICTS_KEYS = "MATCH (d:Document) RETURN d.id AS key ORDER BY key"

_CITATIONS = """
MATCH (a:Document)-[c:CITES]->(d:Document{ONE})
RETURN d.id AS id, d.type AS type, d.number AS number, d.date AS date, d.is_stub AS stub,
       count(c) AS cited_by, collect(DISTINCT coalesce(a.number, a.id)) AS citing
ORDER BY cited_by DESC, id
"""
"""A document cites another once (the edge's key is the citing document), so ``count(c)`` counts the
citing documents (``count(DISTINCT a)`` did the same, 20 ms slower at 100,000). Numbers are listed
once: district documents in several provinces share one. With ``document``, that document's row
alone (:class:`Focused`)."""

_DEADLINES = """
MATCH (d:Document)-[:CONTAINS]->(m:Measure)
WHERE m.deadline IS NOT NULL AND m.deadline >= $from AND m.deadline <= $to{UPTO}
OPTIONAL MATCH (a)-[r:RESPONSIBLE_FOR]->(m)
RETURN m.deadline AS deadline, coalesce(d.number, d.id) AS document, m.item AS item,
       collect(DISTINCT a.name) AS responsible, left(m.text, 160) AS measure, m.id AS measure_id
ORDER BY deadline, document, size(measure_id), measure_id
"""
"""Its first page from the earliest deadlines in the range (:class:`Pager`)."""

_DEADLINES_KEYS = """
MATCH (m:Measure) WHERE m.deadline IS NOT NULL AND m.deadline >= $from AND m.deadline <= $to
RETURN DISTINCT m.deadline AS key ORDER BY key
"""

_PROVINCE_COMPARE = """
MATCH (root:Document) WHERE root.id IN $ids
MATCH (d:Document)-[c:CITES]->(root)
OPTIONAL MATCH (i:Body)-[:ISSUES]->(d)
OPTIONAL MATCH (d)-[a:ASSIGNS]->(b)
RETURN DISTINCT coalesce(i.jurisdiction, d.scope) AS province, coalesce(d.number, d.id) AS document, d.date AS date,
       a.role AS role, b.name AS assigned, a.item AS item, a.quote AS quote, a.measure AS measure_id
ORDER BY province, date, document, size(measure_id), measure_id, assigned
"""

_PROVINCE_COMPARE_KEYS = """
MATCH (root:Document) WHERE root.id IN $ids
MATCH (d:Document)-[c:CITES]->(root)
OPTIONAL MATCH (i:Body)-[:ISSUES]->(d)
WITH DISTINCT d, coalesce(i.jurisdiction, d.scope) AS province
WITH province, d.date AS date, coalesce(d.number, d.id) AS document, collect(d.id) AS docs
ORDER BY province, date, document LIMIT $first
UNWIND docs AS key
RETURN key
"""

_PROVINCE_COMPARE_PAGE = """
MATCH (d:Document) WHERE d.id IN $keys
OPTIONAL MATCH (d)-[a:ASSIGNS]->(b)
WITH d, a, b
MATCH (d)-[c:CITES]->(root:Document) WHERE root.id IN $ids
OPTIONAL MATCH (i:Body)-[:ISSUES]->(d)
RETURN DISTINCT coalesce(i.jurisdiction, d.scope) AS province, coalesce(d.number, d.id) AS document, d.date AS date,
       a.role AS role, b.name AS assigned, a.item AS item, a.quote AS quote, a.measure AS measure_id
ORDER BY province, date, document, size(measure_id), measure_id, assigned
"""
"""The first page (:class:`Window`): the citing documents grouped by what the rows order by first
(province, date, number), the documents of the first N groups, then the query started from them
(188 → 38 ms for the busiest document at 10,000). Groups, not documents, are counted: two documents
of one province with the same number and date tie, and their rows interleave."""

QUERIES: tuple[StoredQuery, ...] = (
    StoredQuery(
        "accountability-chain", "Accountability chain",
        "From a body or post upward through ACCOUNTABLE_TO, REPORTS_TO and PART_OF to the top: every link "
        "with its kind, the document that states it and the quote.",
        (BODY,), _CHAIN.replace("{TYPE}", "type").replace("{REACH}", "*1..6").replace("{ACTOR}", ""),
        _CHAIN.replace("{TYPE}", "label").replace("{REACH}", "* SHORTEST 1..6").replace("{ACTOR}", ":Body:Post"),
        example={"body": "bí thư các huyện ủy, thành ủy"}, stepwise=Stepwise(_CHAIN_REACH, _CHAIN_LINKS, _CHAIN_ORDER)),
    StoredQuery(
        "responsibilities", "Responsibilities of a body",
        "Everything one body or post must do: each measure with its role, the issuing document and date, the "
        "item, the deadline, to whom it answers and reports under that document, and the quote.",
        (BODY,), _RESPONSIBILITIES, example={"body": "Ban Tuyên giáo Tỉnh ủy"}),
    StoredQuery(
        "implementation-tree", "Implementation tree of a central document",
        "How a (central) document was passed down: the documents that cite it, directly or through other "
        "documents (level 1 to 3), who issued them, and the bodies they assigned.",
        (DOCUMENT,), _TREE, example={"document": "16/CT-TTg"}, window=Window(_TREE_KEYS, _TREE_PAGE, _TREE_KEYS_DIRECT)),
    StoredQuery(
        "who-assigned", "Who assigned work to a body",
        "For a body or post, which issuers assigned it work, by document, with role, item and quote.",
        (BODY,), _WHO_ASSIGNED, example={"body": "Ban Dân vận Tỉnh ủy"}),
    StoredQuery(
        "unaccountable", "Assigned but answerable to no one",
        "Bodies and posts that are responsible for measures but have no ACCOUNTABLE_TO or REPORTS_TO line "
        "in any document.",
        (), _UNACCOUNTABLE.replace("{START}", "(a)-[:RESPONSIBLE_FOR]->(m:Measure)").replace("{THEN}", ""),
        _UNACCOUNTABLE.replace("{START}", "(a:Body:Post)").replace("{THEN}", "\nMATCH (a)-[:RESPONSIBLE_FOR]->(m:Measure)")),
    StoredQuery(
        "signer-reach", "What a signer reached",
        "For a person: the documents signed (capacity, title) and the bodies those documents assigned or "
        "addressed.",
        (PERSON,), _SIGNER_REACH, example={"person": "Lê Văn Lương"}),
    StoredQuery(
        "lead-conflicts", "Measures without exactly one lead",
        "Measures that have been assigned (to at least min_assignees bodies or posts) but have no lead "
        "(chủ trì) or more than one; min_assignees=2 keeps the measures shared by several bodies.",
        (Param("min_assignees", "int", "only measures with at least this many responsible bodies or posts", "1"),),
        _LEAD_CONFLICTS.replace("{UPTO}", ""),
        pager=Pager(_LEAD_CONFLICTS_KEYS, _LEAD_CONFLICTS.replace("{UPTO}", " WHERE d.id <= $upto"))),
    StoredQuery(
        "citations", "Most cited documents",
        "Documents by the number of documents citing them, with the citing numbers; stubs are cited documents "
        "not ingested themselves. With a document, its row alone: who cites it.",
        (Param("document", "document", "only this document: id or number, e.g. 16/CT-TTg (left out: every "
               "cited document)", ""),),
        _CITATIONS.replace("{ONE}", ""), documents=("citing",),
        focused=Focused(_CITATIONS.replace("{ONE}", " {id: $id}"), ("-cited_by", "id"))),
    StoredQuery(
        "deadlines", "Deadlines in a date range",
        "Measures whose deadline falls between from and to (ISO dates, inclusive), with who is responsible.",
        (Param("from", "date", "first day, YYYY-MM-DD", "0001-01-01"),
         Param("to", "date", "last day, YYYY-MM-DD", "9999-12-31")),
        _DEADLINES.replace("{UPTO}", ""),
        pager=Pager(_DEADLINES_KEYS, _DEADLINES.replace("{UPTO}", " AND m.deadline <= $upto"))),
    StoredQuery(
        "province-compare", "Province comparison for a central document",
        "For one central document: per province, the documents that cite it and what they required of whom.",
        (DOCUMENT,), _PROVINCE_COMPARE, window=Window(_PROVINCE_COMPARE_KEYS, _PROVINCE_COMPARE_PAGE),
        example={"document": "doc:vn/thuong-truc-ban-bi-thu/dien/2021-07-21"}),
)


def name_candidates(label: str, in_province: bool = False) -> str:
    """Every named node of ``label`` (id, name, jurisdiction, scope) for the name matcher; with
    ``in_province``, only those of ``$scopes`` or whose jurisdiction is ``$province``. Used when no
    node has exactly the name asked for (accents left out, a province added)."""
    props = schema.NODE_PROPERTIES[label]
    jurisdiction = "n.jurisdiction" if "jurisdiction" in props else "NULL"
    where = "n.name IS NOT NULL"
    if in_province:
        where += f" AND (n.scope IN $scopes{' OR n.jurisdiction = $province' if 'jurisdiction' in props else ''})"
    return (f"MATCH (n:{label}) WHERE {where} "
            f"RETURN n.id AS id, n.name AS name, {jurisdiction} AS jurisdiction, n.scope AS scope")


DOCUMENT_LABELS = """
UNWIND $ids AS i MATCH (d:Document {id: i})
OPTIONAL MATCH (b)-[:ISSUES]->(d)
RETURN d.id AS id, d.number AS number, d.type AS type, d.date AS date, collect(DISTINCT b.name) AS issuers
"""
"""What names a document without a number: its type, date and issuers (see ``StoredQuery.documents``)."""
