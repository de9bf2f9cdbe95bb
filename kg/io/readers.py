"""File → decoded text → :class:`~kg.doc.Document`.

Readers are registered by file suffix in :data:`READERS` (add one for a new format without
touching the rest). Each returns the text a person would read in that file; for HTML, DOCX
and PDF that extracted text is the "original" the evidence offsets point into.

Every failure is a :class:`ReadError` naming the file and the reason in one line, so a
batch can report it and go on.
"""
from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path
from typing import Callable, Iterable, Iterator

from kg.doc import Document
from kg.normalize import normalize_text

MAX_BYTES = 64 * 1024 * 1024  # a report over 64 MB is not a report


class ReadError(Exception):
    """A report that cannot be read; ``str(err)`` is the one-line message for the user."""

    def __init__(self, path: Path | str, reason: str):
        self.path = str(path)
        self.reason = reason
        super().__init__(f"{path}: {reason}")


def decode_bytes(raw: bytes, path: Path | str = "") -> tuple[str, str]:
    """Decode report bytes: UTF-8 (with or without BOM) first, then a detected Chinese
    encoding (GB18030 covers GBK and GB2312; Big5 for traditional-script sites).

    >>> decode_bytes("法治".encode("gbk"))
    ('法治', 'gb18030')
    """
    if not raw.strip():
        raise ReadError(path, "empty file")
    if b"\x00" in raw[:4096] and not raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ReadError(path, "binary file (NUL bytes), not text")
    if raw.startswith(b"\xef\xbb\xbf"):
        return raw[3:].decode("utf-8", errors="replace"), "utf-8-sig"
    try:
        return raw.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as err:
        # A file cut in the middle of a character is still UTF-8.
        if err.start >= len(raw) - 3 and raw[: err.start].decode("utf-8", errors="strict") is not None:
            return raw[: err.start].decode("utf-8"), "utf-8"
    # GB18030 accepts almost any byte string, Big5 included, so both are tried and the one
    # that reads as common Chinese wins.
    candidates = []
    for enc in ("gb18030", "big5"):
        try:
            text = raw.decode(enc)
        except UnicodeDecodeError:
            continue
        if _cjk_share(text) > 0.2:
            candidates.append((_common_share(text), enc, text))
    if candidates:
        _, enc, text = max(candidates)
        return text, enc
    from charset_normalizer import from_bytes

    best = from_bytes(raw).best()
    if best is None or _cjk_share(str(best)) < 0.05:
        raise ReadError(path, "not text in a known encoding (binary or image?)")
    return str(best), best.encoding


def _cjk_share(text: str) -> float:
    sample = text[:5000]
    if not sample:
        return 0.0
    return sum("\u4e00" <= c <= "\u9fff" for c in sample) / len(sample)


def _common_share(text: str) -> float:
    """Share of Han characters among the 3,755 most common (GB2312 level 1), after folding
    traditional forms: high for real text, low for text decoded with the wrong codec."""
    from kg.normalize.script import to_simplified

    han = [c for c in to_simplified(text[:5000]) if "\u4e00" <= c <= "\u9fff"]
    if not han:
        return 0.0
    common = 0
    for c in han:
        try:
            common += 0xB0 <= c.encode("gb2312")[0] <= 0xD7
        except UnicodeEncodeError:
            pass
    return common / len(han)


def read_txt(raw: bytes, path: Path) -> tuple[str, str]:
    return decode_bytes(raw, path)


_HTML_DROP = ("script", "style", "noscript", "nav", "header", "footer", "iframe", "form", "button", "select")
_BLOCK = re.compile(r"\n\s*\n+")


def read_html(raw: bytes, path: Path) -> tuple[str, str]:
    """The article body of a saved web page: scripts, styles, navigation and forms dropped;
    the line-level boilerplate (您的位置, 分享到, ICP备 …) is left to normalization."""
    from bs4 import BeautifulSoup

    text, encoding = decode_bytes(raw, path)
    soup = BeautifulSoup(text, "lxml")
    for tag in soup(_HTML_DROP):
        tag.decompose()
    body = soup.body or soup
    lines = [ln.strip() for ln in body.get_text("\n").splitlines()]
    out = _BLOCK.sub("\n\n", "\n".join(ln for ln in lines if ln))
    if not out.strip():
        raise ReadError(path, "HTML page with no text")
    return out, encoding


def read_docx(raw: bytes, path: Path) -> tuple[str, str]:
    import docx

    try:
        document = docx.Document(io.BytesIO(raw))
    except (zipfile.BadZipFile, KeyError, ValueError) as err:
        raise ReadError(path, f"malformed DOCX ({err.__class__.__name__})") from err
    paragraphs = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            paragraphs.append(" ".join(cell.text for cell in row.cells))
    text = "\n".join(paragraphs)
    if not text.strip():
        raise ReadError(path, "DOCX with no text")
    return text, "docx"


def read_pdf(raw: bytes, path: Path) -> tuple[str, str]:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(raw))
        text = "\n".join(page.extract_text() or "" for page in reader.pages)
    except (PdfReadError, ValueError, KeyError, OSError) as err:
        raise ReadError(path, f"malformed PDF ({err})") from err
    if not text.strip():
        raise ReadError(path, "PDF has no text layer (scanned? run OCR first)")
    return text, "pdf"


READERS: dict[str, Callable[[bytes, Path], tuple[str, str]]] = {
    ".txt": read_txt,
    ".text": read_txt,
    ".html": read_html,
    ".htm": read_html,
    ".shtml": read_html,
    ".docx": read_docx,
    ".pdf": read_pdf,
}


def read_report(path: Path | str) -> Document:
    """Read and normalize one report file.

    >>> from kg.resources import sample_corpus
    >>> doc = read_report(next(sample_corpus().glob("002_*.txt")))
    >>> "(qū)" in doc.original, "(qū)" in doc.text
    (True, False)
    """
    path = Path(path)
    reader = READERS.get(path.suffix.lower())
    if reader is None:
        raise ReadError(path, f"unsupported file type {path.suffix or '(none)'}")
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise ReadError(path, f"file too large ({size // 1_000_000} MB > {MAX_BYTES // 1_000_000} MB)")
        raw = path.read_bytes()
    except OSError as err:
        raise ReadError(path, f"cannot read file ({err.strerror or err})") from err
    text, encoding = reader(raw, path)
    return normalize_text(text, name=path.name, path=str(path), encoding=encoding, fmt=path.suffix.lower().lstrip("."))


def iter_report_paths(inputs: Iterable[Path | str]) -> Iterator[Path]:
    """Report files under the given files and folders, in a stable order; hidden files skipped."""
    for item in inputs:
        item = Path(item)
        if item.is_dir():
            for p in sorted(item.rglob("*")):
                if p.is_file() and not any(part.startswith(".") for part in p.relative_to(item).parts) \
                        and p.suffix.lower() in READERS:
                    yield p
        else:
            yield item
