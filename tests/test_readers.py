"""Reading files of every format and encoding; bad files give one-line errors."""
from __future__ import annotations

import pytest

from kg.io import ReadError
from kg.normalize import read_report

SENTENCE = "根据《广东省法治政府建设实施纲要(2016—2020年)》的规定,现将我市法治政府建设工作情况汇报如下。"


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030", "gbk"])
def test_chinese_encodings(tmp_path, encoding):
    path = tmp_path / "report.txt"
    path.write_bytes(SENTENCE.encode(encoding))
    assert read_report(path).text == SENTENCE


def test_big5_traditional_is_decoded_and_simplified(tmp_path):
    path = tmp_path / "big5.txt"
    path.write_bytes("法治政府建設實施綱要的具體安排部署,請各單位認真貫徹執行。".encode("big5"))
    assert read_report(path).text == "法治政府建设实施纲要的具体安排部署,请各单位认真贯彻执行。"


def test_html_page_keeps_the_article_and_drops_furniture(tmp_path):
    path = tmp_path / "page.html"
    path.write_text(f"""<html><head><title>x</title><script>var a = "《假文件》";</script><style>p{{}}</style></head>
    <body><div class="nav">您的位置: 首页 &gt; 政务公开</div><div id="art"><p>{SENTENCE}</p></div>
    <div class="share">分享到:</div><footer>版权所有 主办单位:某市人民政府</footer>
    <p>网站标识码1522020013 蒙ICP备05002753号</p></body></html>""", encoding="utf-8")
    doc = read_report(path)
    assert doc.text == SENTENCE


def test_docx(tmp_path):
    import docx

    document = docx.Document()
    document.add_paragraph("清远市人民政府关于2017年度法治政府建设的情况报告")
    document.add_paragraph(SENTENCE)
    path = tmp_path / "r.docx"
    document.save(path)
    assert read_report(path).text.splitlines() == ["清远市人民政府关于2017年度法治政府建设的情况报告", SENTENCE]


@pytest.mark.parametrize("name, content, reason", [
    ("empty.txt", b"", "empty file"),
    ("blank.txt", b"  \n\n ", "empty file"),
    ("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4, "binary"),
    ("broken.docx", b"PK\x03\x04 not really a zip", "malformed DOCX"),
    ("broken.pdf", b"%PDF-1.4 garbage", "PDF"),
    ("notes.xlsx", b"whatever", "unsupported file type"),
])
def test_bad_files_raise_one_line_errors_naming_the_file(tmp_path, name, content, reason):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(ReadError) as info:
        read_report(path)
    message = str(info.value)
    assert name in message and reason in message and "\n" not in message
