"""File → decoded text (:class:`RawReport`); :func:`kg.normalize.read_report` makes it a Document.

Readers are registered by file suffix in :data:`READERS` (add one for a new format without
touching the rest). Each returns the text a person would read in that file; for HTML, DOCX
and PDF that extracted text is the "original" the evidence offsets point into.

Every failure is a :class:`ReadError` naming the file and the reason in one line, so a
batch can report it and go on. Damage that still leaves a readable report (a few bytes that
are not UTF-8, a file cut in the middle of a character) is decoded as far as it goes and
reported as a *note* (:attr:`RawReport.notes`), which ``kg build`` prints as a warning.

Size policy: a text or HTML file over :data:`MAX_TEXT_BYTES` (8 MB, some 2.7 million Chinese
characters — a hundred times the longest real report) and any file over :data:`MAX_BYTES`
are refused before reading, and any report whose text exceeds :data:`MAX_CHARS` after
extraction; such a file is a data dump or a concatenation, and extracting it would take
minutes and gigabytes. The limits are checked on the file size first, so a huge file costs
nothing. DOCX and PDF are bounded by what they inflate to (:data:`MAX_INFLATED`), a PDF also
by its page count, before any text is extracted. Split it into reports (or raise the limits in this module) to build it.
"""
from __future__ import annotations

import codecs
import io
import re
import stat
import threading
import zipfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from kg.core.script import to_simplified

MAX_BYTES = 64 * 1024 * 1024  # any file: DOCX/PDF may carry images, but a report over 64 MB is not a report
MAX_TEXT_BYTES = 8 * 1024 * 1024  # .txt/.html
MAX_CHARS = 3_000_000  # decoded text of any format
_TEXT_SUFFIXES = (".txt", ".text", ".html", ".htm", ".shtml")

# Magic numbers of files that are not text whatever their name says.
_MAGIC = (
    (b"\x89PNG", "PNG image"), (b"\xff\xd8\xff", "JPEG image"), (b"GIF8", "GIF image"),
    (b"%PDF-", "PDF document"), (b"PK\x03\x04", "ZIP archive (DOCX/XLSX?)"),
    (b"\xd0\xcf\x11\xe0", "old Office document (.doc/.xls)"), (b"{\\rtf", "RTF document"),
    (b"\x1f\x8b", "gzip archive"), (b"Rar!", "RAR archive"), (b"7z\xbc\xaf", "7z archive"),
)


class ReadError(Exception):
    """A report that cannot be read; ``str(err)`` is the one-line message for the user."""

    def __init__(self, path: Path | str, reason: str):
        self.path = str(path)
        self.reason = reason
        super().__init__(f"{path}: {reason}")


@dataclass(frozen=True)
class RawReport:
    """A report file's text as read, before normalization."""

    path: Path
    text: str
    encoding: str
    fmt: str  # txt, html, docx, pdf
    notes: list[str] = field(default_factory=list)  # repairs made while decoding


def decode_bytes(raw: bytes, path: Path | str = "") -> tuple[str, str]:
    """Decode report bytes: UTF-8 (with or without BOM) first, then a detected Chinese
    encoding (GB18030 covers GBK and GB2312; Big5 for traditional-script sites).

    >>> decode_bytes("法治".encode("gbk"))
    ('法治', 'gb18030')
    """
    text, encoding, _ = decode_with_notes(raw, path)
    return text, encoding


def decode_with_notes(raw: bytes, path: Path | str = "") -> tuple[str, str, list[str]]:
    """Like :func:`decode_bytes`, with notes on what had to be repaired.

    Mostly-UTF-8 text with a few bad bytes (a cut character, a GBK phrase pasted in) stays
    UTF-8: runs of GBK characters are read as GBK, other bad bytes become U+FFFD.

    >>> raw = "关于法治政府建设".encode() + "年度报告".encode("gbk") + "的通知。现将有关情况报告如下。".encode()
    >>> text, enc, notes = decode_with_notes(raw)
    >>> text
    '关于法治政府建设年度报告的通知。现将有关情况报告如下。'
    >>> enc, notes
    ('utf-8', ['4 characters were not UTF-8 and were read as GBK'])
    >>> decode_with_notes("法治政府".encode()[:-1])[::2]
    ('法治政', ['the file ends in the middle of a character (truncated?)'])
    """
    if not raw.strip():
        raise ReadError(path, "empty file")
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return _check_text(raw.decode("utf-16", errors="replace"), path), "utf-16", []
    for magic, kind in _MAGIC:
        if raw.startswith(magic):
            raise ReadError(path, f"binary file ({kind}), not text")
    if not _utf8_chinese(raw) and (utf16 := _bomless_utf16(raw)) is not None:
        return _check_text(utf16[0], path), utf16[1], []
    if b"\x00" in raw[:4096]:
        raise ReadError(path, "binary file (NUL bytes), not text")
    body = raw[3:] if raw.startswith(b"\xef\xbb\xbf") else raw
    encoding = "utf-8-sig" if body is not raw else "utf-8"
    try:
        return _check_text(body.decode("utf-8"), path), encoding, []
    except UnicodeDecodeError as err:
        if err.start >= len(body) - 3 and err.reason == "unexpected end of data":
            return _check_text(body[: err.start].decode("utf-8", errors="replace"), path), encoding, \
                ["the file ends in the middle of a character (truncated?)"]
    # Mostly UTF-8 (a few bad bytes among many good Chinese characters)?
    lossy = body.decode("utf-8", errors="replace")
    bad = lossy.count("\ufffd")
    if _han_count(lossy) >= 3 * bad:
        return _repair_utf8(body, path, encoding)
    # GB18030 accepts almost any byte string, Big5 included, so both are tried and the one
    # that reads as common Chinese wins; a file mixing GBK and UTF-8 lines competes too.
    candidates = []
    for rank, enc in enumerate(("gb18030", "big5")):
        notes: list[str] = []
        try:
            text = raw.decode(enc)
        except UnicodeDecodeError:
            text = raw.decode(enc, errors="replace")
            replaced = text.count("\ufffd")
            if replaced > max(3, len(text) // 200):
                continue
            notes = [f"{replaced} byte sequence(s) were not valid {enc.upper()} and were replaced by \ufffd"]
        if _cjk_share(text) > 0.2:
            candidates.append((_common_share(text), -rank, enc, text, notes))
    if not candidates or max(candidates)[0] < 0.9:
        text, _, notes = _repair_utf8(body, path, encoding)
        if _cjk_share(text) > 0.2:
            candidates.append((_common_share(text), -9, "utf-8+gb18030", text, notes))
    if candidates:
        _, _, enc, text, notes = max(candidates, key=lambda c: c[:2])
        return _check_text(text, path), enc, notes
    from charset_normalizer import from_bytes

    best = from_bytes(raw[:1_000_000]).best()
    if best is None or _cjk_share(str(best)) < 0.05:
        raise ReadError(path, "not text in a known encoding (binary or image?)")
    return _check_text(raw.decode(best.encoding, errors="replace"), path), best.encoding, \
        [f"encoding guessed as {best.encoding}"]


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")


def _check_text(text: str, path: Path | str) -> str:
    """Refuse decoded "text" that is mostly control characters (a binary file without NULs)."""
    sample = text[:20000]
    if sample and _control_count(sample) > len(sample) / 100:
        raise ReadError(path, "binary file (control characters), not text")
    return text


def _control_count(text: str) -> int:
    """Matches of :data:`_CONTROL` in ``text``: its ASCII characters kept (the encoder skips the
    others in runs), then the control bytes among them counted — a regex scan was most of
    checking a Chinese text, which holds few ASCII characters."""
    return len(text.encode("ascii", "ignore").translate(None, _NOT_CONTROL_BYTES))


_NOT_CONTROL_BYTES = bytes(b for b in range(256) if not _CONTROL.match(chr(b)))


def _han_count(text: str) -> int:
    """Characters of ``text`` in U+4E00–U+9FFF: exactly its UTF-16 code units whose high
    byte is 0x4E–0x9F (a character outside the BMP is two surrogate units, D800–DFFF),
    counted in the encoded bytes — every UTF-8 file is counted twice as UTF-16 first, and
    that junk has a thousand short runs, each a string when counted by a regex."""
    high = text.encode("utf-16-be", "surrogatepass")[::2]
    return len(high.translate(None, _NOT_HAN_HIGH_BYTES))


_NOT_HAN_HIGH_BYTES = bytes(b for b in range(256) if not 0x4E <= b <= 0x9F)


class _RepairStats(threading.local):
    as_gbk = 0
    replaced = 0


_STATS = _RepairStats()
_GB2312_PAIR = re.compile(rb"(?:[\xa1-\xf7][\xa1-\xfe])+")


def _gbk_or_replace(err: UnicodeError) -> tuple[str, int]:
    """Decoding error handler: a run of two or more GB2312 characters is read as GBK (a
    phrase pasted from a GBK page); anything shorter — typically a UTF-8 character cut by
    a damaged transfer — becomes U+FFFD, since one lone pair cannot be told apart."""
    if not isinstance(err, UnicodeDecodeError):
        raise err
    m = _GB2312_PAIR.match(err.object, err.start)
    if m and m.end() - m.start() >= 4:
        try:
            text = err.object[m.start():m.end()].decode("gb18030")
        except UnicodeDecodeError:
            text = ""
        if text and all("\u4e00" <= c <= "\u9fff" or "\u3000" <= c <= "\u303f" or "\uff00" <= c <= "\uffef"
                        for c in text):
            _STATS.as_gbk += len(text)
            return text, m.end()
    _STATS.replaced += 1
    return "\ufffd", err.end


codecs.register_error("kg-gbk-or-replace", _gbk_or_replace)


def _repair_utf8(body: bytes, path: Path | str, encoding: str) -> tuple[str, str, list[str]]:
    """Decode mostly-UTF-8 bytes line by line: a line that is GBK as a whole (pasted from an
    older page) is read as GBK; within other lines runs of GBK characters are read as GBK
    and anything else undecodable becomes U+FFFD (see :func:`_gbk_or_replace`)."""
    _STATS.as_gbk = _STATS.replaced = 0
    lines: list[str] = []
    for line in body.split(b"\n"):
        try:
            lines.append(line.decode("utf-8"))
            continue
        except UnicodeDecodeError:
            pass
        as_gbk = _gbk_line(line)
        if as_gbk is not None:
            _STATS.as_gbk += _han_count(as_gbk)
            lines.append(as_gbk)
        else:
            lines.append(line.decode("utf-8", errors="kg-gbk-or-replace"))
    text = "\n".join(lines)
    notes = []
    if _STATS.as_gbk:
        notes.append(f"{_STATS.as_gbk} characters were not UTF-8 and were read as GBK")
    if _STATS.replaced:
        notes.append(f"{_STATS.replaced} byte sequence(s) were not UTF-8 (damaged or cut characters) "
                     "and were replaced by \ufffd")
    return _check_text(text, path), encoding, notes


def _gbk_line(line: bytes) -> str | None:
    """The line read as GB18030 if it is one: it decodes, reads as common Chinese, and has
    far more Chinese characters that way than as UTF-8 (UTF-8 bytes read as GB18030 give
    rare characters; GBK bytes read as UTF-8 give almost none)."""
    try:
        text = line.decode("gb18030")
    except UnicodeDecodeError:
        return None
    han = _han_count(text)
    if han >= 2 and han > 2 * _han_count(line.decode("utf-8", errors="replace")) and _common_share(text) >= 0.6:
        return text
    return None


def _cjk_share(text: str) -> float:
    sample = text[:5000]
    if not sample:
        return 0.0
    return sum("\u4e00" <= c <= "\u9fff" for c in sample) / len(sample)


def _utf8_chinese(raw: bytes) -> bool:
    """Whether ``raw`` is valid UTF-8 holding characters of U+4000–U+9FFF (lead bytes E4–E9):
    such bytes are not read as BOM-less UTF-16, which every byte pair would have to fall into
    UTF-8's sequences by chance; trying them as UTF-16 first was 2.5 % of extracting a report.

    >>> _utf8_chinese("法治政府".encode()), _utf8_chinese("法治政府".encode("utf-16-le"))
    (True, False)
    """
    if _UTF8_HAN_LEAD.search(raw) is None:
        return False
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


_UTF8_HAN_LEAD = re.compile(rb"[\xe4-\xe9]")


def _bomless_utf16(raw: bytes) -> tuple[str, str] | None:
    """UTF-16 written without a byte-order mark: (text, encoding) when one byte order decodes
    cleanly to text that reads as Chinese (mostly common characters, no control characters);
    GBK or UTF-8 bytes read that way give rare characters and are left alone."""
    if len(raw) % 2 or len(raw) < 8:
        return None
    for encoding in ("utf-16-le", "utf-16-be"):
        try:
            text = raw.decode(encoding)
        except UnicodeDecodeError:
            continue
        sample = text[:5000]
        if _CONTROL.search(sample) or _han_count(sample) < len(sample) / 3:
            continue
        if _common_share(sample) >= 0.8:
            return text, encoding
    return None


def _common_share(text: str) -> float:
    """Share of Han characters among the 3,755 most common (GB2312 level 1), after folding
    traditional forms: high for real text, low for text decoded with the wrong codec."""
    # both counts in encoded bytes (every UTF-8 file is tried as UTF-16 first: a test per
    # character in Python, then a regex's runs, were a few per cent of reading a report)
    folded = to_simplified(text[:5000])
    han = _han_count(folded)
    if not han:
        return 0.0
    return _level1_count(folded) / han


def _level1_count(text: str) -> int:
    """Characters of ``text`` in GB2312 level 1 (the 3,755 most common Han characters): GB2312
    writes every character it has as one ASCII byte or two bytes of 0xA1–0xFE, and level 1
    exactly as those with a lead byte 0xB0–0xD7; so the text encoded (the rest left out), its
    ASCII bytes dropped, every other byte is a lead byte."""
    pairs = text.encode("gb2312", "ignore").translate(None, _ASCII_BYTES)
    return len(pairs[::2].translate(None, _NOT_LEVEL1_LEAD_BYTES))


_ASCII_BYTES = bytes(range(0x80))
_NOT_LEVEL1_LEAD_BYTES = bytes(b for b in range(256) if not 0xB0 <= b <= 0xD7)


def read_txt(raw: bytes, path: Path) -> tuple[str, str, list[str]]:
    return decode_with_notes(raw, path)


_HTML_DROP = ("script", "style", "noscript", "nav", "header", "footer", "iframe", "form", "button", "select")
_BLOCK = re.compile(r"\n\s*\n+")


def read_html(raw: bytes, path: Path) -> tuple[str, str, list[str]]:
    """The article body of a saved web page: scripts, styles, navigation and forms dropped;
    the line-level boilerplate (您的位置, 分享到, ICP备 …) is left to normalization."""
    from bs4 import BeautifulSoup

    text, encoding, notes = decode_with_notes(raw, path)
    soup = BeautifulSoup(text, "lxml")
    for tag in soup(_HTML_DROP):
        tag.decompose()
    body = soup.body or soup
    lines = [ln.strip() for ln in body.get_text("\n").splitlines()]
    out = _BLOCK.sub("\n\n", "\n".join(ln for ln in lines if ln))
    if not out.strip():
        raise ReadError(path, "HTML page with no text")
    return out, encoding, notes


# Compressed formats are bounded by what they inflate to, not by their size on disk: a 3 MB
# DOCX can hold a gigabyte of paragraphs, and a PDF's page contents are compressed streams that
# many pages may share. A DOCX's parts are summed before python-docx parses them, a PDF's page
# contents before any text is extracted. Generous for any real report (tens of pages, a few MB).
MAX_INFLATED = 64 * 1024 * 1024
MAX_DOCX_MEMBERS = 10_000
MAX_PDF_PAGES = 5_000


def _check_zip_bomb(raw: bytes, path: Path) -> None:
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as archive:
            members = archive.infolist()
    except zipfile.BadZipFile as err:
        raise ReadError(path, "malformed DOCX (not a zip archive)") from err
    if len(members) > MAX_DOCX_MEMBERS:
        raise ReadError(path, f"DOCX with {len(members):,} parts (> {MAX_DOCX_MEMBERS:,}); not a report")
    inflated = sum(m.file_size for m in members)
    if inflated > MAX_INFLATED:
        raise ReadError(path, f"DOCX inflates to {inflated / 2**20:,.0f} MB (> {MAX_INFLATED // 2**20} MB); "
                              "not a report")


def read_docx(raw: bytes, path: Path) -> tuple[str, str]:
    import docx

    _check_zip_bomb(raw, path)
    try:
        document = docx.Document(io.BytesIO(raw))
        paragraphs = [p.text for p in document.paragraphs]
        for table in document.tables:
            for row in table.rows:
                paragraphs.append(" ".join(cell.text for cell in row.cells))
    except Exception as err:  # python-docx raises many kinds (zip, XML, package, key errors)
        raise ReadError(path, f"malformed DOCX ({err.__class__.__name__})") from err
    text = "\n".join(paragraphs)
    if not text.strip():
        raise ReadError(path, "DOCX with no text")
    return text, "docx"


def read_pdf(raw: bytes, path: Path) -> tuple[str, str]:
    """The text layer of a PDF, page by page. Bounded before extraction: at most
    :data:`MAX_PDF_PAGES` pages, and the page contents (decoded, a stream shared by several
    pages counted on each) at most :data:`MAX_INFLATED` in all; the text is refused as soon as
    it passes :data:`MAX_CHARS`, without extracting the pages left."""
    from pypdf import PdfReader

    try:
        reader = PdfReader(io.BytesIO(raw))
        pages = reader.pages
        if len(pages) > MAX_PDF_PAGES:
            raise ReadError(path, f"PDF with {len(pages):,} pages (> {MAX_PDF_PAGES:,}); not a report")
        inflated = 0
        for page in pages:
            contents = page.get_contents()
            inflated += len(contents.get_data()) if contents is not None else 0
            if inflated > MAX_INFLATED:
                raise ReadError(path, f"PDF page contents inflate to over {MAX_INFLATED // 2**20} MB; not a report")
        texts, chars = [], 0
        for page in pages:
            texts.append(page.extract_text() or "")
            chars += len(texts[-1]) + 1
            if chars > MAX_CHARS:
                raise ReadError(path, f"text too long (over {MAX_CHARS:,} characters; split it into reports)")
    except ReadError:
        raise
    except Exception as err:  # pypdf raises many kinds on damaged files  # noqa: BLE001
        raise ReadError(path, f"malformed PDF ({err.__class__.__name__}: {str(err)[:80]})") from err
    text = "\n".join(texts)
    if not text.strip():
        raise ReadError(path, "PDF has no text layer (scanned? run OCR first)")
    return text, "pdf"


# A reader returns (text, encoding) or (text, encoding, notes on repairs made).
READERS: dict[str, Callable[[bytes, Path], tuple]] = {
    ".txt": read_txt,
    ".text": read_txt,
    ".html": read_html,
    ".htm": read_html,
    ".shtml": read_html,
    ".docx": read_docx,
    ".pdf": read_pdf,
}


def read_text(path: Path | str) -> RawReport:
    """The text of one report file as a person would read it, decoded (not yet normalized).

    >>> from kg.core.resources import sample_corpus
    >>> raw = read_text(next(sample_corpus().glob("002_*.txt")))
    >>> raw.encoding, raw.fmt, "(qū)" in raw.text
    ('utf-8', 'txt', True)
    """
    path = Path(path)
    if not path.exists():
        raise ReadError(path, "no such file")
    reader = READERS.get(path.suffix.lower())
    if reader is None:
        raise ReadError(path, f"unsupported file type {path.suffix or '(none)'}")
    limit = MAX_TEXT_BYTES if path.suffix.lower() in _TEXT_SUFFIXES else MAX_BYTES
    try:
        info = path.stat()  # follows links: /dev/zero behind a .txt name is not a file
        if not stat.S_ISREG(info.st_mode):
            raise ReadError(path, "not a regular file (a device, FIFO or socket)")
        size = info.st_size
        if size > limit:
            raise ReadError(path, f"file too large ({size / 2**20:.0f} MB > {limit // 2**20} MB for a "
                                  f"{path.suffix.lower()} report; split it into reports)")
        with open(path, "rb") as fh:
            # the size stat gave and one byte more (read(limit + 1) allocated the whole limit,
            # 8 MB, for every report); the file may grow after stat: never read past the limit
            raw = fh.read(size + 1)
            if len(raw) > size:
                raw += fh.read(limit + 1 - len(raw))
        if len(raw) > limit:
            raise ReadError(path, f"file too large (> {limit // 2**20} MB for a {path.suffix.lower()} report; "
                                  "split it into reports)")
    except OSError as err:
        raise ReadError(path, f"cannot read file ({err.strerror or err})") from err
    text, encoding, *rest = reader(raw, path)
    notes = list(rest[0]) if rest else []
    if len(text) > MAX_CHARS:
        raise ReadError(path, f"text too long ({len(text):,} characters > {MAX_CHARS:,}; split it into reports)")
    return RawReport(path, text, encoding, path.suffix.lower().lstrip("."), notes)


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
