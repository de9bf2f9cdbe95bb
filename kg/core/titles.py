"""What a document title looks like, as every layer reads it: its matching key, its bare form
without trailing qualifiers, and whether a stretch of it is a place.

>>> bare_title("法治政府建设实施纲要(2015-2020年)")
'法治政府建设实施纲要'
"""
from __future__ import annotations

import re
import unicodedata

from kg.core.memos import memo
from kg.core.rxinfo import first_char_guarded

CJK = "\u3400-\u9fff"
TRAILING_QUALIFIER = re.compile(r"(?:\([^()]{1,20}\))+$")
# A jurisdiction written before a title (清远市…, 内蒙古自治区…).
PLACE_PREFIX = re.compile(rf"^[{CJK}]{{2,10}}?(?:省|自治区|市|自治州|州|盟|县|区|旗)$")
_DASHES = re.compile(r"[\u2014\u2013\uff0d\u2500~\uff5e\u2012\u2015]")


@memo(1 << 16)  # a report names each title many times: key it once
def title_key(title: str) -> str:
    """The one matching key of a document title: variants of one title share it. The
    catalogue is indexed by it, name lookups compare by it, and the graph mints one IRI per key.

    NFKC, one kind of dash, no whitespace, title brackets or quotes, no 中华人民共和国, and
    ``(2015-2020年)`` written as ``(2015-2020)``.

    >>> title_key("《中华人民共和国行政复议法》") == title_key("行政复议法")
    True
    >>> title_key("纲要(2015—2020年)") == title_key("纲要(2015-2020)")
    True
    >>> a, b = "<法治政府建设实施纲要(2015-2020年)>完成情况对照表", "〈法治政府建设实施纲要(2015-2020)〉完成情况对照表"
    >>> title_key(a) == title_key(b)
    True
    >>> title_key("中华人民共和国宪法修正案（1988年）")
    '宪法修正案(1988)'
    """
    s = unicodedata.normalize("NFKC", title)
    s = _DASHES.sub("-", s)
    s = re.sub(r"[\s《》〈〉<>\"“”]", "", s)
    s = re.sub(r"^中华人民共和国", "", s)
    s = re.sub(r"(\d{4})年\)", r"\1)", s)
    return s


@memo(1 << 16)  # asked for every pair of titles a report names
def bare_title(title: str) -> str:
    """A title without its trailing qualifiers.

    >>> bare_title("严重违法失信名单管理办法(试行)")
    '严重违法失信名单管理办法'
    """
    return TRAILING_QUALIFIER.sub("", title)


# The document a notice issues, named in its text: 现将《X》印发给你们, 《X》已经…同意,现印发给你们,
# 现将《X》予以印发; and the plan a news item prints (《X》主要内容如下). Read by the metadata (a
# title when the excerpt starts below it) and by the resolver (no citation of the report's own).
# (behind a look-ahead on its first characters: opening with an optional group, it was tried
# in full at every position)
ISSUED_IN_TEXT = first_char_guarded(re.compile(
    r"(?:现将)?《([^《》]{4,100})》(?:已经[^。,;]{0,20}同意,)?(?:现)?印发给?你们|现将《([^《》]{4,100})》(?:予以)?印发"
    r"|(?:^|(?<=\n))《([^《》]{4,100})》(?:的)?(?:主要内容|全文)如下"
    # a cover note sending the report up (现将《…工作总结》随文呈报,请审阅): the report is its attachment
    r"|现将《([^《》]{4,100})》(?:随文|随件)?(?:呈报|报送|上报|呈送|报上)"
))


def issued_documents(text: str) -> list[str]:
    """Titles of the documents ``text`` says it issues, in order.

    >>> issued_documents("《陕西省2016年依法行政工作要点》已经省政府同意,现印发给你们。")
    ['陕西省2016年依法行政工作要点']
    """
    return [m.group(1) or m.group(2) or m.group(3) or m.group(4) for m in ISSUED_IN_TEXT.finditer(text)]
