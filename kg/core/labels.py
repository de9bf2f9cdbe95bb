"""Chinese labels for the closed vocabularies the CLI prints (``data/labels.tsv``).

Output is for Chinese-reading users by default: the Chinese label with the English value a
query or export uses (``政策文件 policy``); ``--lang en`` (or ``FAZHI_KG_LANG=en``) prints the
value alone.

>>> label("policy"), label("policy", "en"), label("supervises")
('政策文件 policy', 'policy', '监督 supervises')
>>> label("something-new")
'something-new'
"""
from __future__ import annotations

import os
from functools import lru_cache

from kg.core.resources import data_rows

LANGUAGES = ("zh", "en")


@lru_cache(maxsize=1)
def labels() -> dict[str, str]:
    return {row[0]: row[1] for row in data_rows("labels.tsv")}


_chosen: str | None = None  # set by the CLI's --lang for the command it runs


def set_language(lang: str | None) -> None:
    """The language of labels for this command (None: ``FAZHI_KG_LANG``, else zh)."""
    global _chosen
    _chosen = lang if lang in LANGUAGES else None


def default_language() -> str:
    if _chosen is not None:
        return _chosen
    lang = os.environ.get("FAZHI_KG_LANG", "zh")
    return lang if lang in LANGUAGES else "zh"


def label(value: str | None, lang: str | None = None) -> str:
    """How ``value`` of a closed vocabulary is shown in ``lang`` (default: the environment's)."""
    if not value:
        return ""
    zh = labels().get(value)
    if (lang or default_language()) == "en" or zh is None:
        return value
    return f"{zh} {value}"
