"""Every supported encoding decodes to the same text and is recorded on the Article."""

from __future__ import annotations

import codecs

import pytest

from nktimeline.ingest import article_from_bytes, load_article
from nktimeline.ingest.decode import decode_bytes, normalise

KOREAN = (
    "남북 정상회담 열려\n\n"
    "김철수 기자\n\n"
    "문재인 대통령과 김정은 국무위원장이 27일 판문점에서 "
    "정상회담을 열고 한반도 비핵화에 합의했다.\n\n"
    "두 정상은 올해 안에 종전을 선언하기로 했으며, 가을에 평양에서 다시 만나기로 했다.\n"
)
ENGLISH_CURLY = (
    "Envoys return from Pyongyang\n\n"
    "By Jane Doe\n\n"
    "“We had a candid and useful conversation,” the envoy said after returning to Seoul "
    "on Thursday.\n\n"
    "Officials said the two sides agreed to hold working-level talks later this month — "
    "a first since June.\n"
)
LATIN1 = (
    "Café diplomacy in Genève\n\n"
    "Négociateurs from both sides met at a café near the lake in Genève on Monday "
    "for informal talks.\n\n"
    "The Swiss foreign ministry said the naïve hopes of a breakthrough were premature.\n"
)


@pytest.mark.parametrize(
    ("text", "codec", "expected"),
    [
        (KOREAN, "cp949", "cp949"),
        (KOREAN, "euc-kr", "cp949"),
        (KOREAN, "utf-8", "utf-8"),
        (KOREAN, "utf-8-sig", "utf-8-sig"),
        (KOREAN, "utf-16", "utf-16"),
        (ENGLISH_CURLY, "cp1252", "cp1252"),
        (ENGLISH_CURLY, "utf-16-be", "utf-16-be"),
        (LATIN1, "latin-1", "cp1252"),
        (KOREAN + ENGLISH_CURLY, "utf-16", "utf-16"),
    ],
)
def test_round_trip(text, codec, expected):
    data = text.encode(codec)
    if codec == "utf-16-be":
        data = codecs.BOM_UTF16_BE + data
        expected = "utf-16"
    decoded, name = decode_bytes(data)
    assert name == expected
    assert normalise(decoded) == text


def test_latin1_only_bytes_fall_back_to_latin1():
    # 0x81 is undefined in cp1252, so only latin-1 can decode this
    data = "Résumé of talks in Genève.\n".encode("latin-1") + b"\x81 end\n"
    text, name = decode_bytes(data)
    assert name == "latin-1"
    assert text.startswith("Résumé")


def test_korean_article_from_cp949(tmp_path):
    path = tmp_path / "korean_cp949.txt"
    path.write_bytes(KOREAN.encode("cp949"))
    art = load_article(path)
    assert art.encoding == "cp949"
    assert art.title == "남북 정상회담 열려"
    assert art.byline == "김철수"
    assert "판문점에서 정상회담을" in art.body
    assert "가을에 평양에서" in art.body


def test_curly_quotes_cp1252(tmp_path):
    path = tmp_path / "curly.txt"
    path.write_bytes(ENGLISH_CURLY.encode("cp1252"))
    art = load_article(path)
    assert art.encoding == "cp1252"
    assert art.title == "Envoys return from Pyongyang"
    assert art.byline == "Jane Doe"
    assert "“We had a candid and useful conversation,”" in art.body


def test_truncated_utf8_tail_still_utf8():
    data = ("North Korea said the talks would resume in the 서울 area soon. 한국").encode()
    data = data[:-2]  # cut the last Hangul syllable in half
    text, name = decode_bytes(data)
    assert name == "utf-8"
    assert text.endswith("soon. 한")


def test_mixed_encodings_mostly_utf8():
    good = ("정상회담이 열렸다. " * 20).encode()
    data = good + "café".encode("latin-1") + good
    text, name = decode_bytes(data)
    assert name == "utf-8"
    assert text.count("정상회담") == 40


def test_utf16_without_bom():
    text = "Plain text written as UTF-16 without a byte-order mark.\n"
    decoded, name = decode_bytes(text.encode("utf-16-le"))
    assert name == "utf-16-le"
    assert decoded == text


def test_newlines_and_controls_normalised():
    raw = "Title line\r\n\r\nFirst\x07 paragraph\u200b is here.\rSecond\tline.\x00"
    assert normalise(raw) == "Title line\n\nFirst paragraph is here.\nSecond\tline."


@pytest.mark.parametrize(
    "odd", ["\r", "\r\n", "\x85", "\u2028", "\u2029", "\x0b", "\x0c", "\x1f", "\x9f", "\ufeff"]
)
def test_each_special_character_is_normalised_alone(odd):
    # normalise() skips its scans for text that holds no non-printable character but line
    # breaks and tabs: every character it changes must still be caught on its own
    out = normalise(f"A line{odd}next word\tend")
    assert odd not in out and "\r" not in out
    assert out.startswith("A line") and out.endswith("next word\tend")


def test_utf16_article_records_encoding():
    body = "Officials confirmed that the delegation arrived in Pyongyang on Tuesday afternoon."
    data = ("Delegation arrives in Pyongyang\n\n" + body + "\n").encode("utf-16")
    art = article_from_bytes(data, "memo.txt")
    assert art.encoding == "utf-16"
    assert art.body == body
    assert art.id == "memo"
