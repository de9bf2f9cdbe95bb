"""Report metadata: title, issuer, date, year covered, region, document type."""
from __future__ import annotations

import re

from kg.doc import Document
from kg.model import Metadata

TITLE_END = re.compile(r"(报告|通报|总结|方案|要点|计划|通知|意见|情况)$")
DATE = re.compile(r"((?:19|20)\d{2})\s*[年\-./]\s*(\d{1,2})\s*[月\-./]\s*(\d{1,2})\s*日?")
YEAR = re.compile(r"((?:19|20)\d{2})年度?")
DOC_TYPES: tuple[tuple[str, re.Pattern], ...] = (
    ("evaluation_notice", re.compile(r"考评|考核.*(结果|情况)的?通报")),
    ("oversight_survey", re.compile(r"(调查|视察|执法检查|调研)报告")),
    ("plan", re.compile(r"(方案|要点|计划)$")),
    ("annual_report", re.compile(r"报告|总结")),
)


def extract_metadata(doc: Document) -> Metadata:
    lines = [ln for ln in doc.text.split("\n")[:6] if ln.strip()]
    title = None
    for k in range(min(3, len(lines))):
        candidate = "".join(lines[: k + 1])
        if TITLE_END.search(candidate) and len(candidate) < 80:
            title = candidate
            break
    dates = list(DATE.finditer(doc.text))
    date = None
    if dates:
        y, mth, d = dates[-1].groups()
        date = f"{int(y):04d}-{int(mth):02d}-{int(d):02d}"
    year = YEAR.search(title or doc.text[:300])
    doc_type = next((t for t, rx in DOC_TYPES if title and rx.search(title)), "other")
    return Metadata(title=title, date=date, year_covered=int(year.group(1)) if year else None, doc_type=doc_type)
