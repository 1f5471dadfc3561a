"""Entity resolution: a mention as written → the one node it means.

The same body named in two documents of one province is one node; national bodies are one node
everywhere; abbreviations, tone placements and honorifics do not split nodes; blanket mentions
("các huyện ủy, thành ủy") are group nodes, never invented members; posts ("Bí thư các huyện ủy",
"Chủ tịch Ủy ban nhân dân tỉnh") are Post nodes; and where the text does not say the province,
local bodies get an unknown jurisdiction scoped to their document instead of a guess.

Vocabularies are CSV files in ``chidao/graph/data`` (loaded once, cached, read by ``data``):

* ``provinces.csv``  the 63 provinces before 1 July 2025 and the 23 merged ones after it (34 in all
  from that day, the 11 unchanged ones counted once), with name variants and validity;
* ``bodies.csv``     national bodies, and provincial body *patterns* ("Ban Tuyên giáo Tỉnh ủy") that
  take the document's province; kind, level, parent, validity and 2025 successors;
* ``aliases.csv``    abbreviations written out inside names (UBND, BTV, MTTQ, ĐUTT, TT HĐND …);
* ``post_titles.csv`` titles that make a mention a post (Bí thư, Chủ tịch, Thủ trưởng, người đứng
  đầu, Tỉnh ủy viên …).

Resolution never raises and is deterministic: the same mention in the same context always gives the
same ``Resolved``, and the display name comes from the lexicon or from the mention itself, never
from what was met before. docs/schema.md ("Resolution rules") describes the rules in prose.

Modules: ``ids`` (id and scope helpers, re-exported by ``chidao.graph.schema``), ``data`` (the files,
constants and cache epochs), ``models`` (``Context``, ``Resolved``), ``provinces``, ``aliases``,
``lexicon`` (bodies), ``titles`` (posts), ``casing`` (capitalisation and cleaning), ``shape`` (plural,
national, kind, level of a mention), ``scope`` and ``resolver``. This package sits below both
``chidao.extract`` and ``chidao.graph`` and imports neither.
"""

from chidao.resolution.aliases import expand
from chidao.resolution.casing import is_placeholder
from chidao.resolution.data import CACHE, DISTRICT_END, MERGE_DATE, NATIONAL_JURISDICTION
from chidao.resolution.models import Context, Resolved
from chidao.resolution.provinces import (
    Province,
    province_from,
    province_name,
    province_scope,
    provinces,
    provinces_on,
)
from chidao.resolution.resolver import canonical, post_of, resolve, resolver_for
from chidao.resolution.scope import context_for_scope

__all__ = [
    "CACHE", "DISTRICT_END", "MERGE_DATE", "NATIONAL_JURISDICTION", "Context", "Province", "Resolved", "canonical",
    "clear_caches", "context_for_scope", "expand", "is_placeholder", "post_of", "province_from", "province_name",
    "province_scope", "provinces", "provinces_on", "resolve", "resolver_for",
]


def clear_caches() -> int:
    """Forget every resolution met so far (the results stay what they were: each cache holds a pure
    function's answers); return how many entries went. Why: after a big batch the caches are the
    bulk of a process's heap — about 190 MB after 10,000 documents, at their caps by 100,000 — and the
    bulk load frees them before its ``COPY`` phase, when the memory budget is tightest."""
    import sys

    from chidao.resolution import resolver

    cleared = len(resolver._RESOLVED)
    resolver._RESOLVED.clear()
    for name, module in list(sys.modules.items()):
        if name == __name__ or name.startswith(__name__ + "."):
            for value in list(vars(module).values()):
                if callable(getattr(value, "cache_clear", None)) and callable(getattr(value, "cache_info", None)):
                    cleared += value.cache_info().currsize
                    value.cache_clear()
    return cleared
