"""Agency mentions: names of specific public bodies (first version: suffix patterns)."""
from __future__ import annotations

import re

from kg.doc import Document
from kg.model import Mention

AGENCY = re.compile(
    r"(?:中共)?[\u4e00-\u9fff]{2,12}?(?:人民政府办公室|人民政府办公厅|人民政府|行政公署|人民代表大会常务委员会|人大常委会|"
    r"人民法院|人民检察院|委员会|领导小组|办公室|法制办|厅|局)"
)


def find_agencies(doc: Document) -> list[Mention]:
    return [Mention("agency", m.group(), m.start(), m.end()) for m in AGENCY.finditer(doc.text)]
