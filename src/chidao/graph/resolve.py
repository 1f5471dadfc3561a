"""Compatibility module: entity resolution lives in ``chidao.resolution`` (below both ``chidao.extract``
and ``chidao.graph``), split into modules by what they hold. Every name this module used to define is
re-exported here unchanged, so existing callers and tests keep working; new code imports
``chidao.resolution``."""

from __future__ import annotations

from chidao.resolution.aliases import (  # noqa: F401 - re-exported
    DOTTED_ABBREVIATION,
    SYLLABLE_LIKE,
    VOWELS,
    _aliases,
    _word_like,
    expand,
)
from chidao.resolution.casing import (  # noqa: F401 - re-exported
    EDGE_CHARS,
    EXTRA_CASING,
    HONORIFIC,
    PLACEHOLDER,
    PURPOSE,
    _casing,
    _clean,
    _display,
    is_placeholder,
)
from chidao.resolution.data import (  # noqa: F401 - re-exported
    CACHE,
    DISTRICT_END,
    ISO_DATE,
    MERGE_DATE,
    NATIONAL_JURISDICTION,
    _date_bounds,
    _epoch,
    _rows,
    _split,
    _words_pattern,
)
from chidao.resolution.lexicon import (  # noqa: F401 - re-exported
    CITY_WORDS,
    Entry,
    Table,
    _city,
    _current,
    _Hit,
    _lexicon,
    _lookup,
    _lookup_in,
    _lookup_key,
    _pick,
    _valid,
)
from chidao.resolution.models import (  # noqa: F401 - re-exported
    Context,
    Resolved,
)
from chidao.resolution.provinces import (  # noqa: F401 - re-exported
    ADMIN_BEFORE,
    ADMIN_WORDS,
    Province,
    _is_city,
    _province_match,
    _province_matcher,
    province_from,
    province_name,
    province_scope,
    provinces,
    provinces_on,
)
from chidao.resolution.resolver import (  # noqa: F401 - re-exported
    _RESOLVED,
    COLLECTIVE_PREFIX,
    MEMBER_OF,
    _actor,
    _from_hit,
    _group,
    _members_post,
    _named_scope,
    _person,
    _post,
    _resolve,
    _unknown_body,
    canonical,
    post_of,
    resolve,
)
from chidao.resolution.scope import (  # noqa: F401 - re-exported
    _has_local_province,
    _jurisdiction,
    _local_scope,
    _node_id,
    context_for_scope,
)
from chidao.resolution.shape import (  # noqa: F401 - re-exported
    ALL_LEVELS,
    BODY_HEAD,
    BODY_KINDS,
    CITY_DISTRICT_WORDS,
    COMMUNE_WORDS,
    DISTRICT_WORDS,
    LIST_SPLIT,
    LOCAL_WORDS,
    MINISTRY,
    NATIONAL_HINT,
    PLURAL_LEAD,
    PLURAL_MID,
    PROVINCE_WORDS,
    _body_kind,
    _is_list,
    _level,
    _national,
    _plural,
)
from chidao.resolution.titles import (  # noqa: F401 - re-exported
    Title,
    _title_matches,
    _titles,
)
