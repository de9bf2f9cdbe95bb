"""Report structure: headings (一、 (一) 1. …) into nested sections with a role.

Roles: ``achievements`` (工作情况, 主要做法 …), ``problems`` (存在问题, 不足, 差距 …),
``plans`` (下一步, 工作计划, 思路, 建议 …), ``other``.
"""
from __future__ import annotations

import re
from dataclasses import replace

from kg.doc import Document, Section, split_sentences

# Heading markers by level; a heading is a short line that starts with one of them.
HEADING_LEVELS: tuple[tuple[int, re.Pattern], ...] = (
    (1, re.compile(r"^[一二三四五六七八九十]+、")),
    (2, re.compile(r"^[(（][一二三四五六七八九十]+[)）]")),
    (3, re.compile(r"^\d{1,2}[.．、](?!\d)")),
    (4, re.compile(r"^[(（]\d{1,2}[)）]")),
)
MAX_HEADING_CHARS = 60

ROLE_CUES: tuple[tuple[str, re.Pattern], ...] = (
    ("problems", re.compile(r"存在(的)?(主要)?问题|不足|差距|短板|薄弱环节|困难和问题|问题和不足")),
    ("plans", re.compile(r"下一步|下步|工作(计划|打算|安排|思路)|今后|\d{4}年(工作)?(计划|打算|思路)|意见和建议|几点建议|建议|努力方向|工作重点")),
    ("achievements", re.compile(r"工作情况|主要(做法|成效|工作)|进展|成效|完成情况|总体情况|工作开展情况|取得")),
)


def heading_level(line: str) -> int | None:
    """The heading level of a line, or None for body text.

    >>> heading_level("(一)全面履行政府职能"), heading_level("二、存在问题"), heading_level("我市")
    (2, 1, None)
    """
    for level, rx in HEADING_LEVELS:
        if rx.match(line):
            return level
    return None


def section_role(heading: str) -> str:
    for role, rx in ROLE_CUES:
        if rx.search(heading):
            return role
    return "other"


def find_sections(doc: Document) -> list[Section]:
    """Sections of ``doc`` in normalized offsets, nested by heading level."""
    heads: list[tuple[int, int, str]] = []
    pos = 0
    for line in doc.text.split("\n"):
        level = heading_level(line)
        if level is not None:
            lead = re.split(r"[。;；]", line, maxsplit=1)[0][:MAX_HEADING_CHARS]
            heads.append((pos, level, lead))
        pos += len(line) + 1
    sections: list[Section] = []
    stack: list[tuple[int, str, str]] = []  # (level, heading, role)
    for k, (start, level, heading) in enumerate(heads):
        end = next((s for s, lv, _ in heads[k + 1:] if lv <= level), len(doc.text))
        while stack and stack[-1][0] >= level:
            stack.pop()
        role = section_role(heading)
        if role == "other" and stack:
            role = stack[-1][2]  # a sub-heading inherits its parent's role
        stack.append((level, heading, role))
        sections.append(Section(heading, level, start, end, tuple(h for _, h, _ in stack), role))
    return sections


def annotate_sections(doc: Document) -> Document:
    """``doc`` with sections found and every sentence carrying its section path."""
    sections = find_sections(doc)
    return replace(doc, sections=sections, sentences=split_sentences(doc.text, sections))


def section_role_at(doc: Document, i: int) -> str:
    """The role of the innermost section containing normalized offset ``i``."""
    role = "other"
    for sec in doc.sections:
        if sec.start <= i < sec.end:
            role = sec.role if sec.role != "other" else role
    return role
