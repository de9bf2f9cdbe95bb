"""The fast matchers give exactly the answers of the plain ones they replace, on real text."""
import functools
import re
from pathlib import Path

import jieba
import pytest

from kg.core.gazetteers import department_names
from kg.core.lexicon import WordScanner, words_pattern
from kg.core.places import place_forms
from kg.core.resources import sample_corpus
from kg.extract.agencies import find_agencies, national_agencies, suffixes
from kg.extract.tokens import token_bounds
from kg.normalize import read_report

SEEDS = sorted(sample_corpus().glob("*.txt"))
REAL = Path("/work/shared/corpus/real")  # the shared real reports, where this machine has them


def _real_reports(n: int | None = None) -> list[Path]:
    return sorted(REAL.glob("*.txt"))[:n] if REAL.is_dir() else []


def _plain(words):
    return re.compile("|".join(map(re.escape, sorted(set(words), key=len, reverse=True))))


@pytest.mark.parametrize("words", [place_forms, lambda: tuple(suffixes()), lambda: tuple(national_agencies())],
                         ids=["places", "suffixes", "national"])
def test_word_trie_matches_like_a_longest_first_alternation(words):
    trie = re.compile(words_pattern(words()))
    plain = _plain(words())
    matched = 0
    for seed in SEEDS:
        text = read_report(seed).text
        spans = [m.span() for m in trie.finditer(text)]
        assert spans == [m.span() for m in plain.finditer(text)], seed.name
        matched += len(spans)
    assert matched > 0  # the seeds do name places and bodies


def test_word_trie_prefers_the_longer_word_and_backs_off():
    rx = re.compile(words_pattern(["市", "市中区", "市政府", "市政"]))
    assert [m.group() for m in rx.finditer("市中心,市政府,市政,市中区")] == ["市", "市政府", "市政", "市中区"]


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.name[:3])
def test_lazy_token_bounds_equal_a_full_jieba_pass(seed):
    text = read_report(seed).text
    starts, ends = token_bounds(text)
    full_starts, full_ends = set(), set()
    for _, s, e in jieba.tokenize(text, HMM=False):
        full_starts.add(s)
        full_ends.add(e)
    positions = range(-1, len(text) + 2)
    assert {i for i in positions if i in starts} == full_starts
    assert {i for i in positions if i in ends} == full_ends


@pytest.mark.parametrize(
    "block", ["abc中文123x", "a", "7", "a市b", "中华人民共和国行政复议法2020年ABC-12.5%", "市场监管局和市政府"]
)
def test_block_words_are_jiebas_words(block):
    """Letters and digits one by one are joined into one word, as jieba joins them."""
    from kg.extract.tokens import _words

    assert _words(block) == [e - s for _, s, e in jieba.tokenize(block, HMM=False)]


@pytest.mark.parametrize(
    "words",
    [place_forms, lambda: tuple(suffixes()), lambda: tuple(national_agencies()), lambda: tuple(department_names())],
    ids=["places", "suffixes", "national", "departments"],
)
def test_word_scanner_finds_what_the_word_trie_finds(words):
    """The Aho-Corasick scan (leftmost-longest) gives the regex's matches, on the seeds and
    on text around characters outside the basic plane (offsets count characters)."""
    scanner = WordScanner(words())
    trie = re.compile(words_pattern(words()))
    texts = [read_report(seed).text for seed in SEEDS]
    texts.append("\U0001f600" + texts[0][:400] + "\U00020000" + texts[0][:400])
    for text in texts:
        assert scanner.spans(text) == [(m.start(), m.end(), m.group()) for m in trie.finditer(text)]


def test_duties_tried_where_their_first_characters_stand_find_every_match():
    """Each duty pattern tried only at its prefixes' positions finds what finditer finds."""
    from kg.extract.duties import _matches, duty_patterns, duty_starts, unwrap_lines

    found = 0
    for seed in [*SEEDS, *_real_reports()]:
        joined, kept = unwrap_lines(read_report(seed).text)
        starts = duty_starts(joined)  # one automaton pass for every duty
        for duty_id, rx in duty_patterns().items():
            plain = list(_matches(rx, joined, kept))
            assert list(_matches(rx, joined, kept, starts[duty_id])) == plain, (seed.name, duty_id)
            found += len(plain)
    assert found > 100


@pytest.mark.parametrize(
    "text", ["督察工作规定》要求年度报告", "\n 市委、市政府:\n", "市委、政府:\n督察工作规定》报告", "a\n\n县委、政府 :"]
)
def test_duties_anchored_after_a_look_behind_or_a_line_start_find_every_match(text):
    """Alternatives opening with a look-behind on a string or ^ (annual-report-duty) tried only
    after the string, a line break or at the start find what finditer finds."""
    from kg.extract.duties import _matches, duty_heads, duty_patterns, duty_starts

    assert all(heads is not None for heads in duty_heads().values())
    rx, kept = duty_patterns()["annual-report-duty"], list(range(len(text)))
    plain = _matches(rx, text, kept)
    assert plain and _matches(rx, text, kept, duty_starts(text)["annual-report-duty"]) == plain


def test_oversight_cues_skipped_only_where_they_cannot_match():
    """A cue left out of a sentence (no placeholder, a character all its matches hold is
    missing, or none of a set they each hold one of) finds nothing there, and the cues chosen
    by the sentence's characters of the cue alphabet are exactly the others; on sentences of
    the seeds and real reports, masked as the finder masks them, and bare."""
    from kg.relate.oversight import PLACEHOLDER, _cue_alphabet, _cues_for, _mask, oversight_cues

    skipped = by_sets = 0
    for path in [*SEEDS, *_real_reports()]:
        doc = read_report(path)
        mentions = [(m.start, m.end, m.text) for m in find_agencies(doc)]
        for sent in doc.sentences:
            inside = [x for x in mentions if sent.start <= x[0] and x[1] <= sent.end]
            for masked in (_mask(doc.text, sent.start, sent.end, inside)[0], doc.text[sent.start : sent.end]):
                kept = []
                for cue in oversight_cues():
                    if (
                        (cue.needs_agency and not PLACEHOLDER.search(masked))
                        or not all(c in masked for c in cue.needs)
                        or not all(any(c in masked for c in one_of) for one_of in cue.needs_one_of)
                    ):
                        skipped += 1
                        by_sets += all(c in masked for c in cue.needs)
                        assert not list(cue.pattern.finditer(masked)), (path.name, cue.pattern.pattern)
                    else:
                        kept.append(cue)
                present = frozenset(_cue_alphabet().intersection(masked))
                assert list(_cues_for(present, PLACEHOLDER.search(masked) is not None)) == kept
    assert skipped > 1000 and by_sets > 1000


def test_no_gazetteer_name_holds_a_full_stop():
    """``_whole_line_agency`` takes a line with 。 for a sentence, never a body's name."""
    from kg.core.gazetteers import generic_names

    for names in (place_forms(), tuple(national_agencies()), tuple(department_names()), tuple(suffixes()),
                  tuple(generic_names())):
        assert not [n for n in names if "。" in n]


def test_agency_anchor_candidates_are_where_the_anchor_regex_matches():
    """The automaton's candidate starts are exactly the positions where the anchor regex
    matches (a place form or level word, or 中共/中国共产党 right before one), on the seeds and
    on text around characters outside the basic plane."""
    from kg.extract.agencies import _anchor_rx, _anchor_starts

    rx = _anchor_rx()
    texts = [read_report(seed).text for seed in SEEDS]
    texts.append("\U0001f600中共市委和中国共产党清远市委员会\U00020000中共中央、县政府")
    candidates = 0
    for text in texts:
        starts = _anchor_starts(text)
        assert starts == [i for i in range(len(text)) if rx.match(text, i)]
        candidates += len(starts)
    assert candidates > 300


def test_sentence_section_paths_in_one_sweep_equal_asking_every_section():
    """Each sentence's heading path from the heap sweep is the one the plain scan over every
    section picks (the deepest section holding it, the later listed on a tie), on the seeds."""
    from kg.core.doc import _path_at, _paths_at
    from kg.extract.sections import annotate_sections

    paths = 0
    for seed in SEEDS:
        doc = annotate_sections(read_report(seed))
        starts = [s.start for s in doc.sentences]
        swept = _paths_at(doc.sections, starts)
        assert swept == [_path_at(doc.sections, i) for i in starts], seed.name
        paths += sum(1 for p in swept if p)
    assert paths > 100  # the seeds have headings over most sentences


@pytest.mark.parametrize("name", ["RULE_OF_LAW_COMMITTEE", "OWN_GROUP", "GRADED_LIST", "RATED_AFTER"])
def test_first_char_guarded_agency_patterns_match_as_the_plain_ones(name):
    """A whole-text pattern behind the look-ahead on its first characters finds the same
    matches and groups as the pattern alone, on the seeds (and the guard is there)."""
    import kg.extract.agencies as agencies

    guarded = getattr(agencies, name)
    guard = re.fullmatch(r"\(\?=\[[^\]]+\]\)\(\?:(.*)\)", guarded.pattern, re.S)
    assert guard is not None
    plain = re.compile(guard.group(1), guarded.flags)
    for seed in SEEDS:
        text = read_report(seed).text
        got = [(m.span(), m.groups()) for m in guarded.finditer(text)]
        assert got == [(m.span(), m.groups()) for m in plain.finditer(text)], (name, seed.name)


def test_catalogued_name_ending_read_backwards_is_the_longest_tried_length():
    """At every law or regulation ending of the seeds and real reports (and of a text naming
    laws inside longer ones, and at its very start), the longest catalogued name the trie reads
    backwards from there is what slicing each catalogued name's length, longest first, finds."""
    from kg.extract.citations import CATALOGUE_ENDINGS, _catalogue_trie, catalogue_names

    names = catalogue_names()
    lengths = sorted({len(n) for n in names}, reverse=True)
    texts = [read_report(p).text for p in [*SEEDS, *_real_reports()]]
    texts.append("依据宪法和环境噪声污染防治法、噪声污染防治法及行政复议法实施条例,\U00020000行政处罚法")
    texts += ["宪法", "法", "法典"]
    found = 0
    for text in texts:
        for m in re.finditer(CATALOGUE_ENDINGS, text):
            end = m.end()
            tried = next((text[end - n : end] for n in lengths
                          if n <= end and text[end - n : end] in names), None)
            assert _catalogue_trie().longest_at(text, end) == tried, (text[max(0, end - 20) : end])
            found += tried is not None
    assert found > 10


def test_runs_holding_a_needle_found_from_the_needle_give_every_runs_matches():
    """Scanning only the runs around the needle's occurrences gives the matches of scanning
    every run that holds it (and of the plain pattern), on the seeds and on edge texts."""
    from kg.extract.agencies import DISTRIBUTED_RUN, HAN_RUN, ZONE, _distributed_rx, _finditer_in_runs

    def every_run(rx, text, runs, needle):
        return [m.span() for run in runs.finditer(text) if text.find(needle, run.start(), run.end()) >= 0
                for m in rx.finditer(text, run.start(), run.end())]

    texts = [read_report(seed).text for seed in SEEDS]
    texts += ["等", "呼和浩特、包头等四个仲裁委", "\U00020000包头等2个市。高新区管委会", "a等b等等", ""]
    found = 0
    for text in texts:
        for rx, runs, needle in ((_distributed_rx(), DISTRIBUTED_RUN, "等"), (ZONE, HAN_RUN, "管")):
            fast = [m.span() for m in _finditer_in_runs(rx, text, runs, needle)]
            assert fast == every_run(rx, text, runs, needle) == [m.span() for m in rx.finditer(text)]
            found += len(fast)
    assert found > 10


def test_run_in_grade_sentences_skipped_only_where_the_pattern_cannot_match():
    """A sentence without a rating verb or without a grade word (the literals every run-in
    grade match holds) has no match of the run-in pattern: on every sentence of the seeds."""
    from kg.relate.ratings import RUN_IN_GRADE, RUN_IN_GRADE_WORD, RUN_IN_VERB

    skipped = kept = 0
    for seed in SEEDS:
        doc = read_report(seed)
        for sent in doc.sentences:
            text = doc.sentence_text(sent)
            if RUN_IN_VERB.search(text) and RUN_IN_GRADE_WORD.search(text):
                kept += 1
            else:
                skipped += 1
                assert not RUN_IN_GRADE.search(text), text
    assert skipped > 300 and kept < skipped
    # and on wordings of each verb, where the pattern does match
    for verb in ("评为", "评定为", "确定为", "获评", "考评为", "考核为"):
        text = f"临河区、五原县被市政府{verb}优秀等次"
        assert RUN_IN_GRADE.search(text) and RUN_IN_VERB.search(text) and RUN_IN_GRADE_WORD.search(text)


def _plain_whitespace(t):
    """The white-space rules of normalize_text as they were: each applied to every text."""
    t = t.sub(r"[ \t\u00a0\u3000]+", " ")
    t = t.sub(r"(?m)^ +| +$", "")
    t = t.sub(r"\n{3,}", "\n\n")
    return t.sub(r"^\n+|\n+$", "")


@pytest.mark.parametrize("text", [
    "  一、总体情况 \n\n\n\n 二、 工作\t措施\u3000\u3000完成 \u00a0 \n",
    "\n\n甲 乙  丙\t丁\n \n",
    " ",
    "无空白",
    "",
    " \n ",
    "\n",
    "甲\n\n乙\n \n\t\n丙\n\n \n\n丁 \t戊\t己 ",
    "\t甲\u3000乙\u00a0\u00a0丙 \n\t\n \t \n\n\n",
])
def test_white_space_rules_run_only_where_they_edit(text):
    from kg.normalize import normalize_text
    from kg.normalize.offsets import OffsetText

    # script conversion and NFKC keep these strings' offsets (they fold \u3000 and \u00a0
    # to spaces, which the white-space rules collapse alike)
    doc = normalize_text(text, name="t")
    plain = _plain_whitespace(OffsetText.of(text))
    assert (doc.text, tuple(doc.origin)) == (plain.text, tuple(plain.origin))


def test_white_space_rules_on_real_text_equal_the_plain_chain():
    """The runs cut once, and the blanks left read as spaces, give the text and offsets of the
    four substitutions, on the seeds and real reports as read (from a fresh offset map and
    from one an earlier edit made)."""
    from kg.normalize import _white_space
    from kg.normalize.offsets import OffsetText

    for path in [*SEEDS, *_real_reports()]:
        raw = path.read_text("utf-8").replace("\r\n", "\n")
        for t in (OffsetText.of(raw), OffsetText.of("  \n" + raw).sub("^  ", "")):
            plain = _plain_whitespace(t)
            fast = _white_space(t)
            assert (fast.text, tuple(fast.origin)) == (plain.text, tuple(plain.origin)), path.name


@functools.cache
def _gb2312_level1() -> frozenset[str]:
    """The reference: the characters GB2312 encodes with a lead byte 0xB0–0xD7 (level 1), every
    such code decoded."""
    out = set()
    for lead in range(0xB0, 0xD8):
        for trail in range(0xA1, 0xFF):
            try:
                out.add(bytes((lead, trail)).decode("gb2312"))
            except UnicodeDecodeError:
                pass
    return frozenset(out)


def test_common_character_share_counted_by_a_character_class_equals_a_test_per_character():
    from kg.core.script import to_simplified
    from kg.io.readers import _common_share, _han_count

    def plain_share(text):
        han = [c for c in to_simplified(text[:5000]) if "\u4e00" <= c <= "\u9fff"]
        return sum(c in _gb2312_level1() for c in han) / len(han) if han else 0.0

    for seed in [*SEEDS, *_real_reports(20)]:
        raw = seed.read_bytes()
        # the text itself, and its bytes read as UTF-16 (what every UTF-8 file is tried as first)
        for text in (raw.decode("utf-8"), raw[: len(raw) // 2 * 2].decode("utf-16-le", errors="replace")):
            assert _common_share(text) == plain_share(text), seed.name
            assert _han_count(text) == len(re.findall(r"[\u4e00-\u9fff]", text))


def test_level1_count_from_gb2312_lead_bytes_equals_a_test_per_character():
    """Every character of the BMP (each alone, and all of them in one text) and the seeds'
    text counted by its GB2312 lead byte as by membership of the decoded level-1 set."""
    from kg.io.readers import _level1_count

    level1 = _gb2312_level1()
    bmp = [chr(c) for c in range(0x10000) if not 0xD800 <= c < 0xE000]
    assert [_level1_count(c) for c in bmp] == [int(c in level1) for c in bmp]
    for text in ["".join(bmp), "\ud800法a𠀀治", *(read_report(p).text for p in SEEDS)]:
        assert _level1_count(text) == sum(c in level1 for c in text)


@pytest.mark.parametrize("text", [
    "", "abc", "\u4dff\u4e00\u9fff\ua000", "法治𠀀政府", "\ud800法\udfff", "\u4e00" * 3 + "\n", "é法ü",
    "\U0004e000\U0009f000",  # outside the BMP: surrogates, whatever the plane's low bits
])
def test_han_count_from_utf16_high_bytes_equals_a_test_per_character(text):
    from kg.io.readers import _han_count

    assert _han_count(text) == sum("\u4e00" <= c <= "\u9fff" for c in text)


def test_body_category_by_longest_ending_equals_trying_every_suffix_longest_first():
    from kg.core.gazetteers import suffixes
    from kg.resolve.agencies import _category

    def plain(name, body):
        if name.startswith(("中共", "中国共产党")):
            return "party"
        if body is None:
            return "government"
        for suffix in sorted(suffixes(), key=len, reverse=True):
            if body.endswith(suffix):
                return suffixes()[suffix]
        return "other"

    bodies = {m.body for seed in SEEDS for m in find_agencies(read_report(seed))} | set(suffixes()) | {"", "法治"}
    bodies |= {"市" + b for b in suffixes()} | {b[1:] for b in suffixes()}
    for body in sorted(bodies, key=str):
        for name in ("四川省" + (body or ""), "中共" + (body or "")):
            assert _category(name, body) == plain(name, body), body


@pytest.mark.parametrize("seed", SEEDS[:6], ids=lambda p: p.name[:3])
def test_sections_annotated_on_the_build_time_split_equal_a_fresh_split(seed):
    from kg.core.doc import split_sentences
    from kg.extract.sections import annotate_sections

    doc = annotate_sections(read_report(seed))
    assert doc.sections
    assert doc.sentences == split_sentences(doc.text, doc.sections)
    again = annotate_sections(doc)  # sentences given, not split here: split afresh
    assert again.sentences == doc.sentences


def _title_groups(doc):
    from kg.core.titles import title_key
    from kg.extract.citations import find_citations
    from kg.resolve.regulations import _Group

    by_key = {}
    for m in find_citations(doc):
        if not m.short_form:
            by_key.setdefault(title_key(m.text), _Group({title_key(m.text)})).mentions.append(m)
    return list(by_key.values())


def test_titles_of_one_document_share_an_ending():
    """The index of _merge_variants skips only pairs _same_title cannot hold one document."""
    from kg.resolve.regulations import _endings, _same_title

    real = _real_reports()
    keys = sorted({k for p in [*SEEDS, *real[:20]] for g in _title_groups(read_report(p)) for k in g.keys})
    same = 0
    for a in keys:
        for b in keys:
            if _same_title(a, b):
                same += a != b
                assert set(_endings(a)) & set(_endings(b)), (a, b)
    assert same > 0  # the seeds do cite one document in two ways


@pytest.mark.parametrize("seed", [*SEEDS, *_real_reports(20)], ids=lambda p: p.name[:3])
def test_variants_merged_through_the_ending_index_as_by_trying_every_merged_group(seed):
    """Groups merged through the ending index, and plain groups given to their qualified
    form through the index of bare forms, as by trying every group (the plain version)."""
    from kg.resolve.regulations import (
        _listed_side_by_side,
        _merge_variants,
        _qualified_bares,
        _same_document,
        _written_plain,
    )

    def plain(groups):  # _merge_variants as it was: every group merged so far tried in turn
        merged = []
        for g in sorted(groups, key=lambda g: -max(len(t) for t in g.bare_titles)):
            target = next((h for h in merged if _same_document(h, g) and not _listed_side_by_side(h, g)), None)
            if target is None:
                merged.append(g)
            else:
                target.keys |= g.keys
                target.mentions.extend(g.mentions)
        qualifiers = {id(h): _qualified_bares(h) for h in merged}
        for g in list(merged):
            if _written_plain(g):
                qualified = [h for h in merged if h is not g and not qualifiers[id(h)].isdisjoint(g.keys)]
                if len(qualified) == 1:
                    qualified[0].keys |= g.keys
                    qualified[0].mentions.extend(g.mentions)
                    merged.remove(g)
        return merged

    def shown(groups):
        return [(sorted(h.keys), [m.start for m in h.mentions]) for h in groups]

    doc = read_report(seed)
    assert shown(_merge_variants(_title_groups(doc))) == shown(plain(_title_groups(doc)))


@pytest.mark.parametrize("seed", SEEDS[:8], ids=lambda p: p.name[:3])
def test_offset_sub_skipping_unedited_matches_equals_rebuilding_every_match(seed):
    from kg.normalize.offsets import OffsetText

    def plain_sub(t, rx, repl):  # OffsetText.sub as it was: every match cut out and put back
        pieces, origin, pos = [], [], 0
        for m in re.finditer(rx, t.text):
            pieces.append(t.text[pos:m.start()])
            origin.extend(t.origin[pos:m.start()])
            new = repl(m)
            if len(new) == m.end() - m.start():
                origin.extend(t.origin[m.start():m.end()])
            elif new:
                width = max(m.end() - m.start(), 1)
                origin.extend(t.origin[min(m.start() + min(k, width - 1), len(t.text) - 1)] for k in range(len(new)))
            pieces.append(new)
            pos = m.end()
        return "".join(pieces) + t.text[pos:], tuple(origin) + tuple(t.origin[pos:])

    text = OffsetText.of(seed.read_text("utf-8")).sub(r"(?<=[。;])", "\n")
    edits = [
        (r"[^\n]+", lambda m: "" if len(m.group()) % 3 == 0 else m.group()),  # some lines dropped
        (r"[,,]", lambda m: m.group()),  # nothing edited
        (r"(?:法治|政府)", lambda m: m.group() if m.group() == "法治" else "政务府"),
        (r"(?=[。])|x*", lambda m: ""),  # empty matches
    ]
    for rx, repl in edits:
        fast = text.sub(rx, repl)
        assert (fast.text, tuple(fast.origin)) == plain_sub(text, rx, repl), rx


@pytest.mark.parametrize("seed", SEEDS[:3], ids=lambda p: p.name[:3])
def test_evidence_fields_in_one_look_up_equal_span_quote_and_section_path(seed):
    from kg.extract.sections import annotate_sections
    from kg.normalize import normalize_text

    doc = annotate_sections(read_report(seed))
    n = len(doc.text)
    points = sorted({*range(-1, n + 2, 37), *(s.start for s in doc.sentences), *(s.end for s in doc.sentences), n})
    for start in points[::3]:
        for end in (start - 1, start, start + 1, start + 9, start + 120):
            if not 0 <= start <= n or not 0 <= end <= n:
                continue
            span = doc.span(start, end)
            expected = (span.start, span.end, doc.quote(start, end), doc.section_path(start))
            assert doc.evidence_at(start, end) == expected, (start, end)
    empty = normalize_text(" \n", name="e")
    assert empty.evidence_at(0, 0) == (empty.span(0, 0).start, empty.span(0, 0).end, empty.quote(0, 0), ())


def test_mention_names_kept_in_the_memo_follow_the_places_state():
    from kg.core.mentions import AgencyMention
    from kg.core.model import Metadata
    from kg.core.places import choose_homonym, reset_homonyms
    from kg.resolve.agencies import _mention_name, mention_name

    m = AgencyMention("城中区政府", 0, 5, prefix="城中区", body="政府")
    meta = Metadata()
    reset_homonyms()
    first = mention_name(m, meta, "城中区政府")
    assert first == _mention_name(m, meta, "城中区政府") == mention_name(m, meta, "城中区政府")
    choose_homonym("城中区", {"西宁市"})  # the state changes: the name kept before no longer holds
    assert mention_name(m, meta, "城中区政府") == _mention_name(m, meta, "城中区政府") == "西宁市城中区人民政府"
    assert first != "西宁市城中区人民政府"
    reset_homonyms()
    assert mention_name(m, meta, "城中区政府") == first
    meta.region = "西宁市"  # the metadata read is part of the key, though Metadata is mutable
    assert mention_name(m, meta, "城中区政府") == _mention_name(m, meta, "城中区政府")


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.name[:3])
def test_mention_names_from_the_memo_equal_names_worked_out_again(seed):
    from kg.build.pipeline import analyse
    from kg.resolve.agencies import _mention_name, mention_name

    a = analyse(read_report(seed))  # the places state of this report stays set
    for m in a.agency_mentions:
        assert mention_name(m, a.metadata, a.doc.text) == _mention_name(m, a.metadata, a.doc.text), m


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.name[:3])
def test_agencies_resolved_with_each_spelling_added_once_equal_adding_it_per_mention(seed, monkeypatch):
    import kg.resolve.agencies as resolve
    from kg.build.pipeline import analyse

    class NothingSeen(set):  # the module's sets (its `accepted` memo among them) never hold anything
        def __contains__(self, item):
            return False

    a = analyse(read_report(seed))
    fast = resolve.resolve_agencies(a.doc, list(a.agency_mentions), a.metadata)
    monkeypatch.setattr(resolve, "set", NothingSeen, raising=False)
    plain = resolve.resolve_agencies(a.doc, list(a.agency_mentions), a.metadata)
    assert fast == plain


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.name[:3])
def test_oversight_skipping_sentences_without_bodies_finds_the_same_edges(seed, monkeypatch):
    import kg.relate.oversight as oversight
    from kg.build.pipeline import analyse

    a = analyse(read_report(seed))
    args = (a.doc, list(a.agencies), a.metadata, a.ratings, a.agency_mentions)
    fast = oversight.find_oversight(*args)
    assert fast  # the seeds do state oversight
    # a cue that does without bodies (never matching) turns the skip off: every sentence is read
    never = oversight.Cue(kind="reports_to", pattern=re.compile(r"(?!)"), needs_agency=False)
    monkeypatch.setattr(oversight, "cues_without_agency", lambda: (never,))
    assert oversight.find_oversight(*args) == fast


def test_map_chars_by_replace_and_skipping_unchanged_han_equals_translating_every_character():
    from kg.normalize import _fold_char, _unfolded_han
    from kg.normalize.offsets import OffsetText

    def plain(t, convert):  # map_chars as it was, for conversions keeping each character's length
        changed = {ch: new for ch in set(t.text) if (new := convert(ch)) != ch}
        return t.text.translate(str.maketrans(dict(changed)))

    from kg.normalize.offsets import _runs_outside

    assert all(_fold_char(ch) == ch for ch in _unfolded_han())
    texts = [seed.read_text("utf-8") for seed in [*SEEDS, *_real_reports(20)]] + ["全角，（１２）：Ａ　ｂ①", "abc"]
    for text in texts:
        t = OffsetText.of(text)
        assert t.map_chars(_fold_char, _unfolded_han()).text == plain(t, _fold_char)
        # the characters to convert, collected from their runs: those of the text outside the set
        assert set("".join(_runs_outside(_unfolded_han()).findall(text))) == set(text) - _unfolded_han()
    odd = frozenset("-]\\^a一二三")  # characters a class must escape, and ranges
    for text in ("a-b]c\\^d一二三四", "", "^^--"):
        assert set("".join(_runs_outside(odd).findall(text))) == set(text) - odd
    chain = {"a": "b", "b": "c"}  # b is converted and a converted into b: translated once, as before
    t = OffsetText.of("aabbc")
    assert t.map_chars(lambda ch: chain.get(ch, ch)).text == plain(t, lambda ch: chain.get(ch, ch)) == "bbccc"


@pytest.mark.parametrize("seed", SEEDS[:3], ids=lambda p: p.name[:3])
def test_token_bound_containers_answer_as_the_boundary_methods(seed):
    from kg.extract.tokens import _Boundaries

    text = read_report(seed).text
    starts, ends = token_bounds(text)
    plain = _Boundaries(text)
    for i in range(-2, len(text) + 3):
        assert (i in starts, i in ends) == (plain.is_start(i), plain.is_end(i)), i
    assert "1" not in starts and None not in ends


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.name[:3])
def test_clause_at_an_offset_cut_on_demand_equals_the_clause_of_every_sentence_cut(seed):
    import bisect

    from kg.extract.duties import IMPERATIVE_LEAD, _Clauses, split_clauses
    from kg.extract.sections import annotate_sections
    from kg.normalize import normalize_text

    doc = annotate_sections(read_report(seed))
    text = doc.text
    clauses, imperative = [], set()  # as find_duties cut them before: every sentence, up front
    for s in doc.sentences:
        cut = split_clauses(text, s.start, s.end)
        clauses.extend(cut)
        if IMPERATIVE_LEAD.match(text, s.start):
            imperative.update(c.start for c in cut)
    starts = [c.start for c in clauses]
    lazy = _Clauses(text, doc.sentences)
    for i in range(-1, len(text) + 1):
        k = bisect.bisect_right(starts, i) - 1
        plain = None if k < 0 or i >= clauses[k].end else (clauses[k], clauses[k].start in imperative)
        assert lazy(i) == plain, i
    short = annotate_sections(normalize_text("要强化执法监督;深化改革。完成了任务。", name="t"))
    assert [lazy_flag for _, lazy_flag in map(_Clauses(short.text, short.sentences), (0, 9, 14))] == [True, True, False]


def test_pinyin_annotation_found_from_the_bracket_matches_as_the_look_behind_first():
    from kg.normalize.pinyin import _SYLLABLE, _WORD, pinyin_annotation

    plain = re.compile(rf"(?<=[\u3400-\u9fff])[(（]({_WORD}|{_SYLLABLE})[)）]")
    texts = [seed.read_text("utf-8") for seed in SEEDS] + ["自治區(qū)情況(qíng kuàng)(试行)a(qu)区((qū)", "(qū)区"]
    found = 0
    for text in texts:
        spans = [(m.span(), m.group(1)) for m in pinyin_annotation().finditer(text)]
        assert spans == [(m.span(), m.group(1)) for m in plain.finditer(text)]
        found += len(spans)
    assert found >= 2


def test_zone_starts_from_the_automaton_are_where_the_zone_pattern_matches():
    from kg.core.zones import zone_forms_pattern
    from kg.extract.agencies import _zone_starts

    look_ahead = re.compile(rf"(?=(?:{zone_forms_pattern().pattern}))")
    real = _real_reports()
    texts = [read_report(p).text for p in [*SEEDS, *real]]
    texts += ["成都高新区管委会和珠海市高新区党工委、经开区,高新技术产业开发区", "高新区", "a高新区",
              "中国(四川)自由贸易试验区"]
    found = 0
    for text in texts:
        plain = [m.start() for m in look_ahead.finditer(text)]
        assert _zone_starts(text) == plain
        found += len(plain)
    assert found > 5


def test_body_run_end_by_searches_equals_the_loop_over_characters():
    from kg.extract.agencies import _body_run_end, _body_run_end_plain

    real = _real_reports(10)
    texts = [read_report(p).text for p in [*SEEDS, *real]]
    texts += ["市委和市政府和县①号文件办公室", "区人民政府办公室²和和", "省司法厅" * 12, "和"]
    for text in texts:
        for i in range(len(text) + 1):
            assert _body_run_end(text, i) == _body_run_end_plain(text, i), (i, text[i : i + 30])


def test_first_token_end_from_the_block_equals_a_test_per_position():
    """``ends.first(p, p + 7)``, which reads the block holding ``p - 1`` once, answers as the
    first position of the range that ``in ends`` accepts (the level word's token end)."""
    real = _real_reports(5)
    texts = [read_report(p).text for p in [*SEEDS[:3], *real]] + ["", "a", "市县", "1号 市委。"]
    asked = 0
    for text in texts:
        _, ends = token_bounds(text)
        for p in range(-1, len(text) + 2):
            for width in (0, 1, 7):
                plain = next((e for e in range(p, p + width) if e in ends), None)
                assert ends.first(p, p + width) == plain, (p, width, text[p : p + 10])
                asked += plain is not None
    assert asked > 1000


def test_citation_helpers_kept_per_title_answer_as_computed_afresh():
    """The per-title helpers of the citation finders are kept by title (a report names the
    same few titles many times): the kept answers are those of the functions themselves."""
    from kg.extract.citations import (
        BRACKETED_TITLE,
        _acceptable_unbracketed,
        _clean,
        document_suffix,
        is_short_form,
        repair_year_range,
    )

    real = _real_reports(20)
    titles = {m.group(1) for p in [*SEEDS, *real] for m in BRACKETED_TITLE.finditer(read_report(p).text)}
    assert len(titles) > 100
    for raw in sorted(titles):
        title = _clean(raw)
        assert title == _clean.__wrapped__(raw)
        for helper in (repair_year_range, document_suffix, is_short_form, _acceptable_unbracketed):
            assert helper(title) == helper.__wrapped__(title), (helper.__name__, title)
            assert helper(title) == helper.__wrapped__(title)  # asked again: from the cache


def test_anchored_names_skipping_bodiless_level_words_equal_reading_every_candidate():
    """A one-character level word with no body ending in the run after it is passed over
    before any token test: the names found are those found reading every candidate."""
    from kg.extract.agencies import _anchored

    real = _real_reports(20)
    texts = [read_report(p).text for p in [*SEEDS, *real]]
    texts += ["市县政府和区政府", "全市、县、区", "县委书记,县政府办公室主任", "市"]
    found = 0
    for text in texts:
        starts, ends = token_bounds(text)
        fast = _anchored(text, starts, ends)
        assert fast == _anchored(text, *token_bounds(text), skip_bodiless=False)
        found += len(fast)
    assert found > 200


def test_clause_cuts_found_from_the_mark_equal_the_look_behind_pattern():
    """Every sentence of the seeds and real reports is cut at the same offsets by the
    pattern that starts at the mark before a cut as by the look-behind pattern."""
    from kg.core.doc import split_sentences
    from kg.extract.duties import CLAUSE_BREAK, CLAUSE_BREAK_FROM_MARK

    real = _real_reports(20)
    texts = [read_report(p).text for p in [*SEEDS, *real]]
    texts += ["一是甲;二是乙,三是丙。其一,但是好,但是是,:其二、四是;;"]
    cuts = 0
    for text in texts:
        for s in [*split_sentences(text), type("S", (), {"start": 0, "end": len(text)})()]:
            for a in (s.start, s.start + 1):
                plain = [m.end() for m in CLAUSE_BREAK.finditer(text, a, s.end)]
                fast = [m.end() for m in CLAUSE_BREAK_FROM_MARK.finditer(text, a, s.end)]
                assert [c for c in fast if a < c < s.end] == [c for c in plain if a < c < s.end], text[a : s.end]
                cuts += len(plain)
    assert cuts > 300


def _body_end_plain(text, name_start, body_start, ends, prefix_is_level):
    """:func:`kg.extract.agencies._body_end` as it was: every ending tried in order, the token test first."""
    from kg.extract.agencies import MEMBER_WORDS, _body_run_end, _suffix_rx, _valid_body

    run_end = _body_run_end(text, body_start)
    best = None
    for s in _suffix_rx().finditer(text, body_start, run_end):
        end = s.start() + len(s.group(1))
        if end > run_end or not (
            end == run_end or text.startswith("政府", end) or text.startswith(MEMBER_WORDS, end) or end in ends
        ):
            continue
        if _valid_body(text[name_start:end], text[body_start:end], prefix_is_level):
            best = end
    return best


def test_body_end_from_the_last_ending_equals_trying_every_ending_in_order():
    """The body's end looked for from the last ending, the token test last, is the last
    ending that qualifies, at every anchor candidate of the seeds and real reports."""
    from kg.extract.agencies import _anchor_rx, _anchor_starts, _body_end

    real = _real_reports(20)
    texts = [read_report(p).text for p in [*SEEDS, *real]] + ["市党委政府", "县政协委员会议", "区司法局局长"]
    found = 0
    for text in texts:
        _, ends = token_bounds(text)
        for i in _anchor_starts(text):
            m = _anchor_rx().match(text, i)
            for level in (False, True):
                got = _body_end(text, i, m.end(), ends, level)
                assert got == _body_end_plain(text, i, m.end(), ends, level), text[i : i + 20]
                found += got is not None
    assert found > 500


def test_township_starts_read_back_from_level_words_are_where_the_look_ahead_matches():
    from kg.extract.agencies import _township_starts

    look_ahead = re.compile(r"(?=[\u4e00-\u9fff]{2,4}?(?:镇|乡|街道|苏木))")
    edges = ["镇", "乡镇", "a庙湾镇", "庙湾镇镇乡", "区庙湾镇街道办,苏木乡", "宜阳街道", "1二三四五镇", "街道街道"]
    texts = [*edges, *(read_report(p).text for p in [*SEEDS, *_real_reports()])]
    assert sum(bool(_township_starts(t)) for t in texts) > 5
    for text in texts:
        assert _township_starts(text) == [m.start() for m in look_ahead.finditer(text)], text[:20]


def test_control_characters_counted_in_the_ascii_bytes_equal_the_regex_matches():
    from kg.io.readers import _CONTROL, _control_count

    chars = "".join(map(chr, range(0x100))) + "\ud800法\u2028\x85\ufeff𠀀"
    for text in [chars, chars * 3, "", *(read_report(p).original for p in SEEDS)]:
        assert _control_count(text) == len(_CONTROL.findall(text))
    assert _control_count(chars) == 29


def _sentences(paths):
    for p in paths:
        doc = read_report(p)
        for sent in doc.sentences:
            yield doc.text[sent.start : sent.end]


def test_breaker_search_behind_its_look_ahead_matches_the_plain_alternation():
    """The look-ahead on a breaker's first characters leaves every match where it was."""
    from kg.extract.agencies import _breaker_rx, lines

    words = sorted(lines("agency_name_breakers.txt"), key=len, reverse=True)
    inside = lines("agency_name_phrases.txt")  # (a name holding a breaker is not cut there: 中心组成员)

    def word(w: str) -> str:
        rests = [p[len(w):] for p in inside if p.startswith(w) and len(p) > len(w)]
        return re.escape(w) + "".join(f"(?!{re.escape(r)})" for r in rests)

    plain = re.compile("|".join(map(word, words))
                       + r"|\d+(?:年|个|次)|[两几多一二三四五六七八九十]+个|(?<![中高])级")
    found = 0
    for p in [*SEEDS, *_real_reports(10)]:
        text = read_report(p).text
        spans = [m.span() for m in _breaker_rx().finditer(text)]
        assert spans == [m.span() for m in plain.finditer(text)], p.name
        found += len(spans)
    assert found > 100


def test_cues_behind_their_look_ahead_match_as_the_plain_ones():
    """Duty status, concession and exclusion cues, rating cues and oversight cues, guarded by
    their first characters, find the same spans and groups as compiled from their rows."""
    from kg.core.resources import data_path, data_rows
    from kg.extract.duties import _alternations_by_duty, _rows, concession_cues, duty_exclusions, status_cues
    from kg.relate.oversight import masked_pattern, oversight_cues
    from kg.relate.ratings import rating_cues

    by_status: dict[str, list[str]] = {}
    for status, regex in _rows("duty_status_cues.tsv", 2):
        if status != "concession":
            by_status.setdefault(status, []).append(f"(?:{regex})")
    pairs = [(status_cues()[s], re.compile("|".join(rx))) for s, rx in by_status.items()]
    rows = [r for s, r in _rows("duty_status_cues.tsv", 2) if s == "concession"]
    pairs += list(zip(concession_cues(), map(re.compile, rows), strict=True))
    pairs += [(duty_exclusions()[d], rx) for d, rx in _alternations_by_duty("duty_exclusions.tsv").items()]
    pairs += [(rating_cues()[row[0]], re.compile(row[1])) for row in data_rows("patterns", "ratings.tsv")]
    files = sorted(data_path("patterns").glob("oversight*.tsv"))
    oversight_rows = [row for f in files for row in data_rows("patterns", f.name)]
    pairs += [(cue.pattern, masked_pattern(row[1])) for cue, row in zip(oversight_cues(), oversight_rows, strict=True)]
    assert sum(g.pattern != p.pattern for g, p in pairs) > 20  # most are guarded
    matched = 0
    for text in _sentences([*SEEDS, *_real_reports(6)]):
        for guarded, plain in pairs:
            got = [(m.span(), m.groups()) for m in guarded.finditer(text)]
            assert got == [(m.span(), m.groups()) for m in plain.finditer(text)], (plain.pattern[:60], text)
            matched += len(got)
    assert matched > 200


@pytest.mark.parametrize(
    "needles,pattern",
    [
        (("等",), "_distributed_rx"),
        (("管",), "ZONE"),
        (("依法治",), "RULE_OF_LAW_COMMITTEE"),
        (("级",), "DEICTIC"),
        (("党", "中心组"), "OWN_ORGAN"),
        (("党", "中心组"), "OWN_BARE_ORGAN"),
        (("科", "处", "司", "领导小组"), "OWN_UNIT"),
        (("科", "处", "领导小组"), "OWN_GROUP"),
        (("、", ","), "PLACE_LIST_LINE"),
        ((":",), "GRADED_LIST"),
    ],
)
def test_agency_finders_return_early_only_where_their_patterns_cannot_match(needles, pattern):
    """A finder returns at once when the text holds none of ``needles``: its pattern then
    finds nothing, on every sentence and line of the seeds and real reports (and their joins)."""
    import kg.extract.agencies as agencies

    rx = getattr(agencies, pattern)
    rx = rx() if callable(rx) and not isinstance(rx, re.Pattern) else rx
    skipped = 0
    for text in _sentences([*SEEDS, *_real_reports(10)]):
        for part in (text, *text.split("\n")):
            if not any(n in part for n in needles):
                skipped += 1
                assert not [m for m in rx.finditer(part) if m.group()], (pattern, part)
    assert skipped > 100


# --- round seven (issue 16) ------------------------------------------------------------

# texts at the edges of the rewritten patterns: a match at the text's start, a blocked
# character before it, a line break first or last, a 文号 right before a title
_EDGE_TEXTS = [
    "局政策法规科负责", "市局法规科", "该厅法规处", "厅党组理论学习中心组", "省厅党组", "\n厅党委",
    "\n", "a\n", "\na", "。\nb", "权力清\n单”。\n\n下\n一段\n", "粤府〔2016〕24号《广东省信访条例》",
    "国务院令第713号《重大行政决策程序暂行条例》", "省政府第3号令《规定》", "我局法治建设工作领导小组办公室",
    "成立了法治政府建设工作领导小组", "领导小组", "依法行政领导小组",
    "(一)加强领导", "1.完善制度", "一、总体情况", "(1)制度建设", "(一)", "12.5%",
]


def _texts_of_round_seven() -> list[str]:
    return [read_report(p).text for p in [*SEEDS, *_real_reports()]] + _EDGE_TEXTS


@pytest.mark.parametrize(
    "name,before",
    [
        ("OWN_UNIT", r"(?<![省市县区州旗盟镇乡各该本])([局厅委部])"
                     r"(?!形成|建立|成立|组织|开展|制定|印发|召开|落实|推进|加强|健全|完善)([\u4e00-\u9fff]{2,6}?(?:科|处|司|股))"),
        ("OWN_ORGAN",
         r"(?<![厅局委办府省市县区旗州盟镇乡院各该其级党部])([厅局委办部])(党组|党委)((?:理论学习)?中心组)?"),
    ],
)
def test_self_character_first_patterns_match_as_the_look_behind_first_ones(name, before):
    """The self character read first and the one before it looked behind at from there finds
    the matches and groups of the look-behind opening the pattern (at the text's start too)."""
    import kg.extract.agencies as agencies

    rx, plain = getattr(agencies, name), re.compile(before)
    found = 0
    for text in _texts_of_round_seven():
        got = [(m.span(), m.groups()) for m in rx.finditer(text)]
        assert got == [(m.span(), m.groups()) for m in plain.finditer(text)], (name, text[:40])
        found += len(got)
    assert found >= 3  # (few reports name their own sections; the edge texts do)


def test_own_groups_searched_in_the_runs_holding_the_group_word_match_as_a_whole_text_search():
    """OWN_GROUP's matches are runs of Han characters holding 领导小组: searching only the
    runs around that word finds what searching the whole text finds."""
    from kg.extract.agencies import HAN_RUN, OWN_GROUP, _finditer_in_runs

    found = 0
    for text in _texts_of_round_seven():
        fast = [(m.span(), m.groups()) for m in _finditer_in_runs(OWN_GROUP, text, HAN_RUN, "领导小组")]
        assert fast == [(m.span(), m.groups()) for m in OWN_GROUP.finditer(text)], text[:40]
        found += len(fast)
    assert found > 10


def test_wrap_read_from_the_line_break_matches_the_look_behind_first_form():
    """The hard-wrap pattern opening with the line break finds the look-behind form's matches."""
    from kg.extract.duties import WRAP

    plain = re.compile(r"(?<=[^。;:!?\n])\n(?=[^\n])")
    found = 0
    for text in _texts_of_round_seven():
        got = [m.span() for m in WRAP.finditer(text)]
        assert got == [m.span() for m in plain.finditer(text)], text[:40]
        found += len(got)
    assert found > 10


def test_kept_offsets_by_bisection_equal_the_list_of_every_kept_offset():
    """unwrap_lines' offsets, computed from the removed line breaks, are the original offset of
    every character of the unwrapped text (built as a list of each, as they were)."""
    from kg.extract.duties import WRAP, unwrap_lines

    unwrapped = 0
    for text in _texts_of_round_seven():
        joined, kept = unwrap_lines(text)
        plain: list[int] = []
        prev = 0
        for m in WRAP.finditer(text):
            plain.extend(range(prev, m.start()))
            prev = m.end()
        plain.extend(range(prev, len(text)))
        assert len(kept) == len(joined) == len(plain)
        assert list(kept) == plain and "".join(text[i] for i in kept) == joined
        unwrapped += len(text) - len(joined)
    assert unwrapped > 10
    with pytest.raises(IndexError):
        unwrap_lines("a\nb")[1][2]


def test_heading_level_from_one_alternation_is_the_first_level_whose_pattern_matches():
    """On every line of the seeds and real reports, the one alternation's group gives the level
    of the first of the level patterns that matches (None where none does)."""
    from kg.extract.sections import HEADING_LEVELS, heading_level

    def plain(line):
        return next((level for level, rx in HEADING_LEVELS if rx.match(line)), None)

    levels = set()
    for text in _texts_of_round_seven():
        for line in text.split("\n"):
            assert heading_level(line) == plain(line), line
            levels.add(plain(line))
    assert levels == {None, 1, 2, 3, 4}


def test_titles_not_after_a_number_ending_have_no_document_number_before_them():
    """A 文号 before a 《title》 must end right at the title: where the text before it does not
    end in 号 or 令, neither pattern has a match ending there (the searches are skipped)."""
    from kg.extract.citations import BRACKETED_TITLE, DOC_NUMBER, NUMBER_ENDS, ORDER_NUMBER

    skipped = numbered = 0
    for text in _texts_of_round_seven():
        for m in BRACKETED_TITLE.finditer(text):
            window = text[max(0, m.start() - 30) : m.start()]
            ends = [f.end() for rx in (DOC_NUMBER, ORDER_NUMBER) for f in rx.finditer(window)]
            if window.endswith(NUMBER_ENDS):
                numbered += len(window) in ends
            else:
                skipped += 1
                assert len(window) not in ends, window
    assert skipped > 100 and numbered >= 3


def test_map_chars_skipping_ascii_and_kept_marks_equals_skipping_han_alone():
    """Folding with ASCII, C1 and the kept punctuation known unchanged gives the text and
    offsets of folding with the Han block alone (and none of them folds)."""
    from kg.normalize import _fold_char, _unfolded, _unfolded_han
    from kg.normalize.offsets import OffsetText

    assert all(_fold_char(ch) == ch for ch in _unfolded())
    folded = 0
    for text in [p.read_text("utf-8") for p in [*SEEDS, *_real_reports()]] + ["全角，（１２）：Ａ　ｂ①、。“”《》\x85"]:
        t = OffsetText.of(text)
        fast, plain = t.map_chars(_fold_char, _unfolded()), t.map_chars(_fold_char, _unfolded_han())
        assert (fast.text, fast.origin) == (plain.text, plain.origin)
        folded += fast.text != text
    assert folded >= 3  # (the edge text, and reports written with full-width marks)


def test_distributed_lists_searched_from_their_reach_match_a_whole_text_search():
    """Starting the search of a run where a list ending at its first 等 can start (names of
    two to ten characters joined by 、 , 和; no digit) finds every match of the plain search."""
    from kg.extract.agencies import _distributed_matches, _distributed_rx

    texts = _texts_of_round_seven() + [
        "指导呼和浩特、包头等四个仲裁委", "2020年呼伦贝尔市、兴安盟和通辽市等3个盟市", "和平等、公正等原则",
        "甲乙丙丁戊己庚辛壬癸子丑寅卯,赤峰市等2个市", "一二三四五六七八九十一二、赤峰市和通辽市等市", "等等", "12等",
    ]
    found = 0
    for text in texts:
        fast = [(m.span(), m.groups()) for m in _distributed_matches(text)]
        assert fast == [(m.span(), m.groups()) for m in _distributed_rx().finditer(text)], text[:40]
        found += len(fast)
    assert found > 20


@pytest.mark.parametrize("scanner", ["national", "departments", "zones", "duty heads"])
def test_small_word_lists_scanned_by_a_dfa_find_what_the_default_automaton_finds(scanner):
    """The DFA chosen for a short word list gives every match of the crate's default automaton
    (overlapping, or leftmost-longest), on the seeds and real reports."""
    import ahocorasick_rs

    from kg.core.lexicon import DFA_MAX_WORDS
    from kg.extract.agencies import _department_words, _national_words, _zone_word_scanner
    from kg.extract.duties import _head_scanner

    fast, overlapping = {
        "national": (_national_words(), False), "departments": (_department_words(), False),
        "zones": (_zone_word_scanner()[0], True), "duty heads": (_head_scanner(), True),
    }[scanner]
    assert len(fast.words) <= DFA_MAX_WORDS
    kind = ahocorasick_rs.MatchKind.Standard if overlapping else ahocorasick_rs.MatchKind.LeftmostLongest
    plain = ahocorasick_rs.AhoCorasick(fast.words, matchkind=kind)
    found = 0
    for text in _texts_of_round_seven():
        got = fast._automaton.find_matches_as_indexes(text, overlapping=overlapping)
        assert sorted(got) == sorted(plain.find_matches_as_indexes(text, overlapping=overlapping)), text[:40]
        found += len(got)
    assert found >= 5  # (few reports name development zones)


def test_block_words_from_the_fragment_table_are_jiebas_words(monkeypatch):
    """Word widths read through the table of fragments looked up before — empty, filled by
    the same blocks, and emptied when full — are jieba's words, on every block of the seeds
    and real reports (prefix-only fragments, unknown characters, letters and digits)."""
    import kg.extract.tokens as tokens

    texts = [read_report(p).text for p in [*SEEDS, *_real_reports()]]
    blocks = sorted({m.group() for text in texts for m in jieba.re_han_default.finditer(text)})
    blocks += ["\U00020000中文", "龘龘", "abc中文123x"]
    expected = {block: [e - s for _, s, e in jieba.tokenize(block, HMM=False)] for block in blocks}
    monkeypatch.setattr(tokens, "_FRAGMENTS", {})
    for _ in range(2):  # the table empty, then holding every fragment
        assert {block: tokens._words(block) for block in blocks} == expected
    assert tokens._PREFIX_ONLY in tokens._FRAGMENTS.values() and tokens._ABSENT in tokens._FRAGMENTS.values()
    filled = len(tokens._FRAGMENTS)
    monkeypatch.setattr(tokens, "_FRAGMENTS_MAX", 50)  # emptied again and again
    assert {block: tokens._words(block) for block in blocks} == expected
    assert len(tokens._FRAGMENTS) < filled


def test_own_body_words_by_one_pattern_a_character_match_as_the_alternation():
    """The two patterns of 我局/本委 find together what the alternation found, on the seeds,
    real reports and texts where the two kinds touch."""
    from kg.relate.oversight import OWN_BODY_WORDS

    plain = re.compile(r"我(?:办|局|委|厅|们单位)|本(?:办|局|委|厅)")
    texts = [read_report(p).text for p in [*SEEDS, *_real_reports()]] + ["我本办我们单位本局我局本", "本我委"]
    found = 0
    for text in texts:
        split = sorted(m.span() for rx in OWN_BODY_WORDS for m in rx.finditer(text))
        assert split == [m.span() for m in plain.finditer(text)], text[:40]
        found += len(split)
    assert found > 10


def test_graded_lines_skipped_only_where_the_grade_patterns_cannot_match():
    """A line without a colon and a grade word has no INLINE_GRADE match, and one that does not
    end in a grade word (white space aside) no TABLE_ROW match: on every line of the seeds,
    real reports and graded lines of each shape."""
    from kg.relate.ratings import INLINE_GRADE, INLINE_GRADE_WORD, TABLE_ROW, TABLE_ROW_ENDS

    lines = [line for p in [*SEEDS, *_real_reports()] for line in read_report(p).text.split("\n")]
    lines += ["一、优秀等次(4个):A、B", "考核结果为优秀的单位:甲、乙", "二、一等次:甲", "A级单位:甲、乙", "B等(3个):丙",
              "较差的乡镇:丁", "1 泾阳县人民政府 92.5 优秀  ", "2、市教育局 良好等级\t", "3.市司法局 基本合格\u3000"]
    inline = table = 0
    for line in lines:
        if INLINE_GRADE.search(line):
            assert ":" in line and INLINE_GRADE_WORD.search(line), line
            inline += 1
        if TABLE_ROW.match(line):
            assert line.rstrip().endswith(TABLE_ROW_ENDS), line
            table += 1
    assert inline >= 5 and table >= 3


def test_issued_document_pattern_behind_its_guard_matches_as_the_plain_one():
    """The report's own attachment (现将《X》印发给你们) is found behind the look-ahead on its
    first characters as by the pattern alone, on the heads of the seeds and real reports."""
    from kg.core.titles import ISSUED_IN_TEXT

    guard = re.fullmatch(r"\(\?=\[[^\]]+\]\)\(\?:(.*)\)", ISSUED_IN_TEXT.pattern, re.S)
    assert guard is not None
    plain = re.compile(guard.group(1), ISSUED_IN_TEXT.flags)
    texts = [read_report(p).text[:1500] for p in [*SEEDS, *_real_reports()]]
    texts += ["《陕西省2016年依法行政工作要点》已经省政府同意,现印发给你们。", "现将《某某办法》予以印发",
              "将《某某办法》印发你们", "近日印发了《某某实施方案》。\n《某某实施方案》主要内容如下。"]
    found = 0
    for text in texts:
        got = [(m.span(), m.groups()) for m in ISSUED_IN_TEXT.finditer(text)]
        assert got == [(m.span(), m.groups()) for m in plain.finditer(text)], text[:40]
        found += len(got)
    assert found >= 3


def test_texts_without_an_annotation_opening_hold_no_pinyin_annotation():
    """Every text of the seeds and real reports (as read, and as normalization has them when
    it looks) with a pinyin annotation passes the gate, and one that fails it has none."""
    from kg.normalize.pinyin import may_hold_annotation, pinyin_annotation

    texts = [p.read_text("utf-8") for p in [*SEEDS, *_real_reports()]]
    texts += ["自治區(qū)", "情況（qíng kuàng）", "區(ǚ)", "(一)总体情况(2015-2020年)(PDF)", "区(Qu)", "区（ü）", ""]
    with_annotation = 0
    for text in texts:
        held = pinyin_annotation().search(text) is not None
        assert may_hold_annotation(text) or not held, text[:40]
        with_annotation += held
    assert with_annotation >= 4


def test_section_roles_kept_per_heading_answer_as_read_afresh():
    """The memo of heading roles gives what reading the cues gives, on every line of the seeds
    and real reports (asked twice: the second answer from the memo)."""
    from kg.extract.sections import section_role

    lines = {line.strip() for p in [*SEEDS, *_real_reports()] for line in read_report(p).text.split("\n")}
    lines |= {"四、存在的问题和不足", "五、改进的意见和建议", "2019年重点工作", ""}
    for _ in range(2):
        assert {line: section_role(line) for line in lines} == {line: section_role.__wrapped__(line) for line in lines}


def test_furniture_lines_cut_from_a_split_equal_the_substitution_per_line():
    """Lines of web-page furniture cut from a split of the text give the text, offsets and
    removed spans of the substitution called back for every line, on the seeds, real reports
    and texts with furniture first, last, alone and between blank lines."""
    from kg.core.doc import Span
    from kg.normalize import _drop_furniture
    from kg.normalize.boilerplate import is_boilerplate
    from kg.normalize.offsets import OffsetText

    def plain(t, removed):
        def drop(m):
            if is_boilerplate(m.group()):
                removed.append(Span(t.origin[m.start()], t.origin[m.end() - 1] + 1))
                return ""
            return m.group()

        return t.sub(r"[^\n]+", drop)

    texts = [p.read_text("utf-8").replace("\r\n", "\n") for p in [*SEEDS, *_real_reports()]]
    texts += ["分享到:\n正文。\n\n版权所有 ©\n", "首页 > 新闻\n", "正文\n  打印本页  ", "", "\n\n", "版权所有"]
    dropped = 0
    for text in texts:
        for t in (OffsetText.of(text), OffsetText.of("x\n" + text).sub("^x", "")):
            fast_removed, plain_removed = [], []
            fast, slow = _drop_furniture(t, fast_removed), plain(t, plain_removed)
            assert (fast.text, tuple(fast.origin), fast_removed) == (slow.text, tuple(slow.origin), plain_removed)
            dropped += len(plain_removed)
    assert dropped > 10


def test_citation_verbs_and_law_endings_scanned_by_automata_match_as_the_alternations():
    """The drafting and lead verbs' scanners and the law endings' scanner give the matches of
    the regex alternations they replace, on the seeds, real reports and overlapping forms."""
    from kg.extract.citations import CATALOGUE_ENDINGS, _ending_scanner, _patterns, _verb_scanners

    drafting, lead = _verb_scanners()
    texts = [read_report(p).text for p in [*SEEDS, *_real_reports()]]
    texts += ["严格执行贯彻落实办法典法典条例规定细则法法", "认真落实执行根据依据审议通过"]
    found = 0
    for text in texts:
        for scanner, rx in ((drafting, _patterns()["drafting_verb"]), (lead, _patterns()["lead_verb"]),
                            (_ending_scanner(), re.compile(CATALOGUE_ENDINGS))):
            got = scanner.spans(text)
            assert got == [(m.start(), m.end(), m.group()) for m in rx.finditer(text)], text[:40]
            found += len(got)
    assert found > 1000


def test_offsets_copied_as_arrays_equal_offsets_listed_one_by_one(monkeypatch):
    """Edits of an unedited text (its offsets a range, copied from the identity table, also
    past the table's bound) and of an edited one (an array) give the offsets that listing every
    offset in a tuple gives, on the seeds and real reports."""
    import kg.normalize.offsets as offsets
    from kg.normalize import _white_space
    from kg.normalize.offsets import OffsetText

    def listed(t):
        return OffsetText(t.text, tuple(t.origin))

    texts = [p.read_text("utf-8") for p in [*SEEDS, *_real_reports()]] + ["", "a", "  \n\n\n甲 乙  "]
    for bound in (offsets._IDENTITY_MAX, 100):
        monkeypatch.setattr(offsets, "_IDENTITY_MAX", bound)
        monkeypatch.setattr(offsets, "_IDENTITY", offsets.array("q"))
        for text in texts:
            for t in (OffsetText.of(text), OffsetText.of(text).sub("。", "。。")):
                for edit in (lambda t: t.sub(r"\r\n?|法治", "\n"), lambda t: t.delete([(0, min(3, len(t.text)))]),
                             _white_space):
                    fast, plain = edit(t), edit(listed(t))
                    assert (fast.text, tuple(fast.origin)) == (plain.text, tuple(plain.origin))
