"""Hostile input: every bad file gives a clear IngestError/LoadError quickly; good ones load."""

from __future__ import annotations

import os
import time
import zlib

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from nktimeline.ingest import IngestError, article_from_bytes, expand_paths, load_article

GOOD = (
    "Envoys agree to resume talks\n\n"
    "By Park Ji-won\n\n"
    "Negotiators from the two Koreas agreed on Friday to resume working-level talks next month "
    "at the truce village of Panmunjom, officials said.\n\n"
    "The agreement came after a three-hour meeting that both sides described as constructive.\n"
)

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + bytes(range(256))


def _png_bytes() -> bytes:
    raw = b"\x00" + b"\xff\x00\x00" * 4
    return PNG + zlib.compress(raw)


def _message(path) -> str:
    with pytest.raises(IngestError) as info:
        load_article(path)
    return str(info.value)


def test_binary_png(tmp_path):
    p = tmp_path / "photo.txt"
    p.write_bytes(_png_bytes())
    assert _message(p) == "looks like a binary file (PNG image), not an article"


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "PDF document"),
        (b"PK\x03\x04\x14\x00\x06\x00" + b"\x00" * 40, "ZIP archive or Office document"),
        (b"\x7fELF\x02\x01\x01" + b"\x00" * 40, "ELF"),
        (bytes(range(256)) * 8, "binary data"),
        (os.urandom(4096).replace(b"\x00", b"\x01") + b"\x00\x00\x00\x00", "binary data"),
    ],
)
def test_binary_kinds(data, kind):
    with pytest.raises(IngestError) as info:
        article_from_bytes(data, "x.bin")
    assert "binary file" in str(info.value)
    assert kind in str(info.value)


def test_empty_and_blank(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    assert "empty" in _message(empty)
    blank = tmp_path / "blank.txt"
    blank.write_bytes(b" \n\r\n\t \n")
    assert "blank" in _message(blank)


def test_too_large_is_refused_fast(tmp_path):
    big = tmp_path / "huge.txt"
    with open(big, "wb") as fh:
        fh.truncate(50 * 1024 * 1024)  # sparse: 50 MB without writing them
    t0 = time.perf_counter()
    msg = _message(big)
    assert time.perf_counter() - t0 < 1.0
    assert "too large" in msg and "50.0 MB" in msg and "20.0 MB" in msg


def test_read_bytes_limit_is_exact_and_growth_is_seen(tmp_path, monkeypatch):
    from nktimeline.ingest import files

    f = tmp_path / "a.txt"
    f.write_bytes(b"x" * 100)
    assert files.read_bytes(f, limit=100) == b"x" * 100
    with pytest.raises(files.IngestError, match="too large"):
        files.read_bytes(f, limit=99)
    # A file that grows between stat and read (or reports size 0, like /proc files) is read
    # in full up to the limit, and refused past it.
    real_stat = files.os.stat

    def stale_stat(path, *a, **k):
        st = real_stat(path, *a, **k)
        return os.stat_result((st.st_mode, *st[1:6], 10, *st[7:]))

    monkeypatch.setattr(files.os, "stat", stale_stat)
    assert files.read_bytes(f, limit=100) == b"x" * 100
    with pytest.raises(files.IngestError, match="too large"):
        files.read_bytes(f, limit=50)


def test_one_megabyte_single_line(tmp_path):
    sentence = "The envoy said the talks would continue next week in Stockholm. "
    line = sentence * (1_048_576 // len(sentence))
    p = tmp_path / "one_line.txt"
    p.write_text(line, encoding="utf-8")
    t0 = time.perf_counter()
    art = load_article(p)
    assert time.perf_counter() - t0 < 5.0
    assert len(art.body) > 1_000_000


def test_truncated_utf8_file(tmp_path):
    data = (GOOD + "북한은 대화에 나설 것").encode("utf-8")[:-1]
    p = tmp_path / "truncated.txt"
    p.write_bytes(data)
    art = load_article(p)
    assert art.encoding == "utf-8"
    assert art.title == "Envoys agree to resume talks"


def test_odd_file_name(tmp_path):
    p = tmp_path / "기사 #1 (copy) — ünïcode name.txt"
    p.write_text(GOOD, encoding="utf-8")
    files, errors = expand_paths([tmp_path])
    assert files == [p] and not errors
    art = load_article(p)
    assert art.id == "기사 #1 (copy) — ünïcode name"
    assert art.byline == "Park Ji-won"


@pytest.mark.skipif(os.geteuid() == 0, reason="root can read files without permission")
def test_unreadable_file(tmp_path):
    p = tmp_path / "secret.txt"
    p.write_text(GOOD, encoding="utf-8")
    p.chmod(0)
    try:
        assert "permission denied" in _message(p)
    finally:
        p.chmod(0o644)


def test_missing_path_and_folder_given_as_file(tmp_path):
    files, errors = expand_paths([tmp_path / "nope.txt"])
    assert files == [] and errors[0].message == "no such file or folder"
    assert _message(tmp_path) == "this is a folder, not a file"


def test_fifo_is_not_opened(tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    assert "not a regular file" in _message(fifo)


def test_symlink_loop_in_folder(tmp_path):
    root = tmp_path / "corpus"
    (root / "sub").mkdir(parents=True)
    (root / "sub" / "a.txt").write_text(GOOD, encoding="utf-8")
    os.symlink(root, root / "sub" / "loop")  # folder loop
    os.symlink(root / "self", root / "self")  # link to itself
    t0 = time.perf_counter()
    files, errors = expand_paths([root])
    assert time.perf_counter() - t0 < 2.0
    assert [f.name for f in files] == ["a.txt"]
    assert any("symbolic link" in e.message for e in errors)


def test_folder_mixing_good_and_bad_files(tmp_path):
    (tmp_path / "b_good.txt").write_text(GOOD, encoding="utf-8")
    (tmp_path / "a_empty.txt").write_bytes(b"")
    (tmp_path / "c_image.png").write_bytes(_png_bytes())
    (tmp_path / "d_menu.txt").write_text("Home\n• Login\n• Subscribe\nSearch\n", encoding="utf-8")
    (tmp_path / "nested").mkdir()
    (tmp_path / "nested" / "e_good.txt").write_text(GOOD.replace("Friday", "Monday"))
    (tmp_path / ".hidden.txt").write_text(GOOD)
    files, errors = expand_paths([tmp_path])
    assert not errors
    names = [f.name for f in files]
    assert names == ["a_empty.txt", "b_good.txt", "c_image.png", "d_menu.txt", "e_good.txt"]
    loaded, failed = [], {}
    for f in files:
        try:
            loaded.append(load_article(f))
        except IngestError as exc:
            failed[f.name] = str(exc)
    assert [a.id for a in loaded] == ["b_good", "e_good"]
    assert "empty" in failed["a_empty.txt"]
    assert "PNG image" in failed["c_image.png"]
    assert "no article text" in failed["d_menu.txt"]


def test_expand_paths_dedups_same_file(tmp_path):
    p = tmp_path / "a.txt"
    p.write_text(GOOD)
    files, _ = expand_paths([p, tmp_path, str(p)])
    assert files == [p]


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=3000))
def test_random_bytes_only_raise_ingest_error(data):
    try:
        art = article_from_bytes(data, "fuzz.txt")
    except IngestError as exc:
        assert str(exc)
    else:
        assert art.body
        assert all(art.body[s.start : s.end] for s in art.paragraphs)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=2000))
def test_random_text_only_raises_ingest_error(text):
    try:
        art = article_from_bytes(text.encode("utf-8"), "fuzz.txt")
    except IngestError as exc:
        assert str(exc)
    else:
        assert art.paragraphs and art.body.startswith(art.body[: art.paragraphs[0].end])


@settings(max_examples=100, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "<p>",
                "</p>",
                "<div>",
                "</div>",
                "<html>",
                "<body>",
                "<script>",
                "</script>",
                "<h1>",
                "</h1>",
                "<article>",
                "<meta property='og:title' content='x'>",
                "Talks resumed in Seoul on Monday, officials said.",
                "&amp;",
                "<br>",
                "<",
                "<figure><figcaption>A caption. Yonhap</figcaption>",
                "<time datetime='2019'>",
                '<script type=\'application/ld+json\'>{"@type": "NewsArticle"',
                "}</script>",
            ]
        ),
        max_size=60,
    )
)
def test_random_html_only_raises_ingest_error(parts):
    try:
        article_from_bytes(("<!doctype html>" + "".join(parts)).encode(), "fuzz.html")
    except IngestError as exc:
        assert str(exc)
