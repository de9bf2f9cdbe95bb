"""Bad input never stops a batch: each bad file is one line naming it and the reason, the
good reports build exactly as they would alone, and the exit status says what happened."""
from __future__ import annotations

import io
import re
import time
import zipfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kg.build.corpus import build
from kg.cli import app
from kg.io import ReadError
from kg.io.readers import MAX_TEXT_BYTES, decode_with_notes, read_text
from kg.normalize import read_report, read_report_with_notes
from kg.store import KGStore
from tests.conftest import CORPUS, seed

TRADITIONAL = ("關於2019年度法治政府建設工作情況的報告\n"
               "一、主要工作\n本府認真貫徹落實《法治政府建設實施綱要(2015-2020年)》,"
               "嚴格執行《重大行政決策程序暫行條例》,全面推行行政執法公示制度。\n")


def _cut_mid_characters(raw: bytes, every: int = 997) -> bytes:
    """Drop one byte inside a multi-byte character roughly every ``every`` bytes."""
    out, i = bytearray(), 0
    while i < len(raw):
        out += raw[i:i + every]
        i += every
        while i < len(raw) and raw[i] < 0x80:  # find a character...
            out.append(raw[i])
            i += 1
        if i + 1 < len(raw):
            out.append(raw[i])  # ...keep its lead byte and drop the next one
            i += 2
    return bytes(out)


def _docx_bytes(*paragraphs: str) -> bytes:
    import docx

    document = docx.Document()
    for p in paragraphs:
        document.add_paragraph(p)
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


def _blank_pdf() -> bytes:
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    buf = io.BytesIO()
    writer.write(buf)
    return buf.getvalue()


def _mixed_gbk(text: str) -> bytes:
    """UTF-8 text with every third line in GBK (as when pages of two sites are pasted together)."""
    lines = text.split("\n")
    return b"\n".join(line.encode("gbk") if k % 3 == 1 and _gbk_ok(line) else line.encode("utf-8")
                      for k, line in enumerate(lines))


def _gbk_ok(line: str) -> bool:
    try:
        line.encode("gbk")
        return True
    except UnicodeEncodeError:
        return False


MIXED = seed("000").read_text("utf-8") + "\n本通报由自治区法制办负责解释,自印发之日起施行。\n"


# name → (bytes, expected: "skip:<reason>" | "dup:<seed prefix>" | "built" | "warn:<note>")
def bad_inputs() -> dict[str, tuple[bytes, str]]:
    s = {p: seed(p).read_text("utf-8") for p in ("000", "001", "002", "003", "004")}
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4
    whole_docx = _docx_bytes("清远市人民政府关于2017年度法治政府建设的情况报告",
                             "严格执行《中华人民共和国行政处罚法》。")
    return {
        "bad/empty.txt": (b"", "skip:empty file"),
        "bad/空白 行.txt": (b" \n\n\t \r\n", "skip:empty file"),
        "bad/扫描件 图片.txt": (png, "skip:binary file (PNG image)"),
        "bad/photo.html": (b"\xff\xd8\xff\xe0\x00\x10JFIF" + bytes(range(256)), "skip:binary file (JPEG image)"),
        "bad/控制字符.txt": (bytes(range(1, 32)) * 50 + "法治".encode(), "skip:binary file"),
        "bad/截断 的报告.txt": (_cut_mid_characters(s["001"].encode("utf-8")), "warn:replaced by \ufffd"),
        "bad/cut at end.txt": (s["003"].encode("utf-8")[:-1], "warn:ends in the middle of a character"),
        "bad/gbk 副本.txt": (s["003"].encode("gbk"), "dup:003"),
        "bad/gb18030.txt": ((s["004"].replace("\xa0", " ") + "\n附注:㐀字。\n").encode("gb18030"), "built"),
        "bad/big5 繁體.txt": (TRADITIONAL.encode("big5"), "built"),
        "bad/utf16.txt": (s["004"].encode("utf-16"), "dup:004"),
        "bad/混合 编码.txt": (_mixed_gbk(MIXED), "warn:read as GBK"),
        "bad/page with scripts.html": (
            ("<html><head><style>p{color:red}</style><script>var x='《假冒条例》';</script></head><body>"
             "<p>本局严格执行《中华人民共和国行政许可法》。</p><!-- 《注释里的规定》 -->"
             "<script>document.write('《脚本里的办法》')</script></body></html>").encode(), "built"),
        "bad/only script.htm": (b"<html><script>alert(1)</script><style>p{}</style></html>",
                                "skip:HTML page with no text"),
        "bad/broken.docx": (b"PK\x03\x04 not really a zip", "skip:malformed DOCX"),
        "bad/half.docx": (whole_docx[: len(whole_docx) // 2], "skip:malformed DOCX"),
        "bad/no document.docx": (_zip({"hello.txt": b"x"}), "skip:malformed DOCX"),
        "bad/garbage.pdf": (b"%PDF-1.4 garbage \x00\x01", "skip:PDF"),
        "bad/scan 扫描.pdf": (_blank_pdf(), "skip:PDF has no text layer"),
        "bad/子 目录/副本 003.txt": (seed("003").read_bytes(), "dup:003"),
    }


def _zip(files: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for name, data in files.items():
            z.writestr(name, data)
    return buf.getvalue()


@pytest.fixture(scope="module")
def bad_corpus(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("bad corpus 坏")
    for p in CORPUS.glob("*.txt"):
        (folder / p.name).write_bytes(p.read_bytes())
    for name, (data, _) in bad_inputs().items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_bytes(data)
    with open(folder / "bad" / "huge 50MB.txt", "wb") as fh:  # sparse: costs no disk, no time
        fh.truncate(50 * 2**20)
    return folder


@pytest.mark.parametrize("name", sorted(bad_inputs()))
def test_each_bad_input_is_read_or_refused_in_one_line(tmp_path, name):
    data, expected = bad_inputs()[name]
    path = tmp_path / Path(name).name
    path.write_bytes(data)
    kind, _, detail = expected.partition(":")
    if kind == "skip":
        with pytest.raises(ReadError) as info:
            read_report(path)
        message = str(info.value)
        assert str(path) in message and detail in message and "\n" not in message
        return
    doc, notes = read_report_with_notes(path)
    assert doc.text.strip()
    if kind == "dup":
        assert doc.original == seed(detail).read_text("utf-8").lstrip("\ufeff")
    if kind == "warn":
        assert any(detail in n for n in notes), notes
    else:
        assert not notes
    if "混合" in name:  # every GBK line recovered exactly
        assert doc.original == MIXED


def test_html_scripts_styles_and_comments_are_not_text(tmp_path):
    data, _ = bad_inputs()["bad/page with scripts.html"]
    (tmp_path / "p.html").write_bytes(data)
    doc = read_report(tmp_path / "p.html")
    assert doc.text == "本局严格执行《中华人民共和国行政许可法》。"


def test_a_50_mb_file_is_refused_at_once(tmp_path):
    path = tmp_path / "huge.txt"
    with open(path, "wb") as fh:
        fh.write("法治政府建设。\n".encode() * (50 * 2**20 // 22 + 1))
    assert path.stat().st_size > MAX_TEXT_BYTES
    t0 = time.monotonic()
    with pytest.raises(ReadError, match=r"huge\.txt: file too large \(50 MB > 8 MB"):
        read_report(path)
    assert time.monotonic() - t0 < 1


@pytest.mark.parametrize("cut", [1, 2, 1000, 5001, 12345])
def test_utf8_cut_anywhere_keeps_every_whole_character(cut):
    text = seed("003").read_text("utf-8")
    raw = text.encode("utf-8")
    start = cut
    while raw[start] < 0x80 or (raw[start] & 0xC0) == 0x80:  # a character's lead byte
        start += 1
    damaged = raw[:start + 1] + raw[start + 3:]  # its two continuation bytes lost
    decoded, encoding, notes = decode_with_notes(damaged)
    assert encoding == "utf-8" and notes and "\ufffd" in decoded
    k = len(raw[:start].decode("utf-8"))
    assert decoded[:k] == text[:k] and decoded[k + 1:] == text[k + 1:]


def test_bad_corpus_builds_the_good_reports_exactly_as_a_clean_build(bad_corpus, built_store, tmp_path):
    summary = build([bad_corpus], tmp_path / "store", jobs=2)
    expected = bad_inputs()
    skipped = {n for n, (_, e) in expected.items() if e.startswith("skip")} | {"bad/huge 50MB.txt"}
    assert len(summary.failed) == len(skipped)
    for name in skipped:
        lines = [line for line in summary.failed if line.startswith(str(bad_corpus / name) + ":")]
        assert len(lines) == 1, (name, summary.failed)
    assert all("\n" not in line for line in summary.failed + summary.warnings + summary.duplicates)
    dups = {n for n, (_, e) in expected.items() if e.startswith("dup")}
    assert sorted(line.split(": same content as ")[0] for line in summary.duplicates) == \
        sorted(str(bad_corpus / n) for n in dups)
    warned = {n for n, (_, e) in expected.items() if e.startswith("warn")}
    assert {line.split(": ")[0] for line in summary.warnings} >= {str(bad_corpus / n) for n in warned}
    built = {n for n, (_, e) in expected.items() if e in ("built",) or e.startswith("warn")}
    assert summary.reports == 5 + len(built) and summary.committed and summary.exit_status == 1
    with KGStore(built_store, read_only=True) as clean, KGStore(tmp_path / "store", read_only=True) as kg:
        manifest = kg.manifest()["reports"]
        for graph in (g for g in clean.graph_names() if "/report/" in g):
            assert set(map(str, clean.iter_quads(graph))) == set(map(str, kg.iter_quads(graph)))
        both = [info["files"] for info in manifest.values() if len(info["files"]) > 1]
        assert sorted(len(f) for f in both) == [2, 3]  # 004 + utf16; 003 + gbk + copy
        files = {f for info in manifest.values() for f in info["files"]}
        assert not files & {str(bad_corpus / n) for n in skipped}
        assert not kg.query("ASK { ?r dcterms:references ?x . ?x rdfs:label ?l "
                            "FILTER(CONTAINS(?l, '假冒') || CONTAINS(?l, '脚本') || CONTAINS(?l, '注释')) }")


def test_cli_exit_status_and_one_line_per_bad_file(bad_corpus, tmp_path):
    runner = CliRunner()
    store = str(tmp_path / "store")
    result = runner.invoke(app, ["build", str(bad_corpus), "--store", store, "--jobs", "1"])
    assert result.exit_code == 1, result.output
    skipped = [line for line in result.stderr.splitlines() if line.startswith("skipped ")]
    assert len(skipped) == sum(e.startswith("skip") for _, e in bad_inputs().values()) + 1
    assert any(re.search(r"skipped .*huge 50MB\.txt: file too large", line) for line in skipped)
    assert re.search(rf"skipped files\s*│\s*{len(skipped)}", result.stdout)
    clean = runner.invoke(app, ["build", str(CORPUS), "--store", store, "--jobs", "1"])
    assert clean.exit_code == 0, clean.output


def test_nothing_readable_or_nothing_found_leaves_the_store_unchanged(tmp_path):
    store = tmp_path / "store"
    assert build([seed("003")], store, jobs=1).exit_status == 0
    (tmp_path / "bad").mkdir()
    (tmp_path / "bad" / "empty.txt").write_bytes(b"")
    (tmp_path / "nothing").mkdir()
    runner = CliRunner()
    for folder, message in (("bad", "none of the 1 report files could be read"), ("nothing", "no report files found")):
        result = runner.invoke(app, ["build", str(tmp_path / folder), "--store", str(store)])
        assert result.exit_code == 2 and message in result.stderr and "unchanged" in result.stderr
    with KGStore(store, read_only=True) as kg:
        assert len(kg.manifest()["reports"]) == 1


def _docx_with(document_xml: bytes) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", document_xml)
    return buffer.getvalue()


def test_a_docx_that_inflates_past_the_bound_is_refused_before_parsing(tmp_path, monkeypatch):
    import kg.io.readers as readers

    monkeypatch.setattr(readers, "MAX_INFLATED", 1024 * 1024)
    bomb = tmp_path / "bomb.docx"
    bomb.write_bytes(_docx_with(b"<w:p>" + b" " * (4 * 1024 * 1024) + b"</w:p>"))
    assert bomb.stat().st_size < 64 * 1024  # small on disk, four megabytes inflated
    with pytest.raises(ReadError, match=r"bomb\.docx: DOCX inflates to 4 MB"):
        read_report(bomb)


def _pdf_sharing_one_content_stream(content: bytes, pages: int) -> bytes:
    """A PDF of ``pages`` pages all drawing one compressed content stream (a small file that
    inflates ``pages`` times over), with a standard font so the text is extractable."""
    from pypdf import PdfWriter
    from pypdf.generic import DecodedStreamObject, DictionaryObject, NameObject

    writer = PdfWriter()
    stream = DecodedStreamObject()
    stream.set_data(content)
    shared = writer._add_object(stream.flate_encode())
    font = writer._add_object(DictionaryObject({NameObject("/Type"): NameObject("/Font"),
                                                NameObject("/Subtype"): NameObject("/Type1"),
                                                NameObject("/BaseFont"): NameObject("/Helvetica")}))
    resources = DictionaryObject({NameObject("/Font"): DictionaryObject({NameObject("/F1"): font})})
    for _ in range(pages):
        page = writer.add_blank_page(width=595, height=842)
        page[NameObject("/Contents")] = shared
        page[NameObject("/Resources")] = resources
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


_LINE = b"BT /F1 12 Tf 72 700 Td (Rule of law report) Tj ET\n"


def test_a_pdf_is_read_page_by_page(tmp_path):
    path = tmp_path / "small.pdf"
    path.write_bytes(_pdf_sharing_one_content_stream(_LINE, 3))
    assert read_text(path).text.split("\n") == ["Rule of law report"] * 3


def test_a_pdf_whose_pages_inflate_past_the_bound_is_refused_before_extraction(tmp_path):
    """26 MB of drawing commands in one 80 KB stream, drawn by three pages: refused on the
    inflated size, before pypdf parses a token (it took 8 s to fail as 'malformed' before)."""
    bomb = tmp_path / "bomb.pdf"
    bomb.write_bytes(_pdf_sharing_one_content_stream(_LINE * 520_000, 3))
    assert bomb.stat().st_size < 200 * 1024
    with pytest.raises(ReadError, match=r"bomb\.pdf: PDF page contents inflate to over 64 MB"):
        read_text(bomb)


def test_a_pdf_of_too_many_pages_is_refused_by_count(tmp_path):
    bomb = tmp_path / "pages.pdf"
    bomb.write_bytes(_pdf_sharing_one_content_stream(_LINE, 5_001))
    with pytest.raises(ReadError, match=r"pages\.pdf: PDF with 5,001 pages \(> 5,000\)"):
        read_text(bomb)


def test_pdf_text_is_refused_once_past_the_character_bound(tmp_path, monkeypatch):
    """Extraction stops at the first page past the bound: the pages after it are never read."""
    from pypdf import PageObject

    import kg.io.readers as readers

    monkeypatch.setattr(readers, "MAX_CHARS", 1_000)
    extracted = []
    real_extract = PageObject.extract_text
    monkeypatch.setattr(PageObject, "extract_text",
                        lambda page, *a, **k: extracted.append(1) or real_extract(page, *a, **k))
    long = tmp_path / "long.pdf"
    long.write_bytes(_pdf_sharing_one_content_stream(b"BT /F1 12 Tf 72 700 Td (" + b"A" * 600 + b") Tj ET", 10))
    with pytest.raises(ReadError, match=r"long\.pdf: text too long"):
        read_text(long)
    assert len(extracted) == 2


@pytest.mark.parametrize("kind", ["device", "fifo"])
def test_a_device_or_fifo_named_txt_is_refused_not_read(tmp_path, kind):
    import os

    path = tmp_path / "zero.txt"
    if kind == "device":
        path.symlink_to("/dev/zero")
    else:
        os.mkfifo(path)
    started = time.monotonic()
    with pytest.raises(ReadError, match="zero.txt: not a regular file"):
        read_report(path)
    assert time.monotonic() - started < 5


def test_a_missing_path_says_so(tmp_path):
    with pytest.raises(ReadError, match="nothing.txt: no such file"):
        read_report(tmp_path / "nothing.txt")
    with pytest.raises(ReadError, match="no such file"):
        read_report(tmp_path / "nothing")


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_without_a_byte_order_mark_is_read(tmp_path, encoding):
    original = seed("004").read_text("utf-8")
    path = tmp_path / "report.txt"
    path.write_bytes(original.encode(encoding))
    assert read_report(path).original == original.lstrip("\ufeff")


def test_utf8_reports_skip_the_utf16_try_and_utf16_ones_do_not():
    """Valid UTF-8 holding Chinese is not tried as BOM-less UTF-16 (it never read as such);
    the same reports in UTF-16 are, and in GB18030 are not taken for UTF-8."""
    from kg.io.readers import _bomless_utf16, _utf8_chinese

    real = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "real"
    files = sorted(real.glob("*.txt")) + [seed(n) for n in ("001", "003", "004")]
    for path in files:
        raw = path.read_bytes()
        assert _utf8_chinese(raw) and _bomless_utf16(raw[: len(raw) // 2 * 2]) is None, path.name
        text = raw.decode("utf-8")
        for encoding in ("utf-16-le", "utf-16-be", "gb18030"):
            assert not _utf8_chinese(text.encode(encoding)), (path.name, encoding)


def test_gbk_and_utf8_are_not_taken_for_bomless_utf16():
    from kg.io.readers import _bomless_utf16

    text = seed("003").read_text("utf-8")
    for raw in (text.encode("gbk", errors="ignore"), text.encode("utf-8")):
        raw = raw[: len(raw) // 2 * 2]
        assert _bomless_utf16(raw) is None


def test_a_file_name_that_is_not_utf8_is_built_and_named(tmp_path):
    import os

    folder = tmp_path / "reports"
    folder.mkdir()
    name = os.fsdecode("文山报告.txt".encode("gbk"))  # as a GBK name copied from Windows arrives
    (folder / name).write_bytes(seed("004").read_bytes())
    store = tmp_path / "store"
    first = build([folder], store, jobs=1)
    assert first.committed and first.extracted == 1 and not first.failed
    assert build([folder], store, jobs=1).unchanged == 1  # the manifest keeps the name exactly
    assert read_report(folder / name).name == "文山报告.txt"


def test_a_file_grown_after_stat_is_read_to_its_end_and_never_past_the_limit(tmp_path, monkeypatch):
    """The read asks for the size stat gave and one byte more; a file that grew since is read on
    to its end, and one grown past the limit is refused as before."""
    import os
    from pathlib import Path

    import kg.io.readers as readers

    grown, huge = tmp_path / "grown.txt", tmp_path / "huge.txt"
    grown.write_bytes("法治政府建设。\n".encode() * 100)
    huge.write_bytes(b"a" * 2048)
    real_stat = Path.stat

    def stat_before_growth(self, *args, **kwargs):
        st = real_stat(self, *args, **kwargs)
        if self.name in ("grown.txt", "huge.txt"):  # as the file was when stat looked: ten bytes
            return os.stat_result((st.st_mode, *tuple(st)[1:6], 10, *tuple(st)[7:]))
        return st

    monkeypatch.setattr(Path, "stat", stat_before_growth)
    assert read_text(grown).text == "法治政府建设。\n" * 100
    monkeypatch.setattr(readers, "MAX_TEXT_BYTES", 1024)
    with pytest.raises(ReadError, match="file too large"):
        read_text(huge)
