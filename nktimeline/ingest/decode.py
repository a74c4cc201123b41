"""Bytes -> text: pick an encoding that never raises, then normalise newlines and controls.

Order of evidence: byte-order mark, UTF-16 without BOM (NUL pattern), strict UTF-8 (a
character cut off at the very end is tolerated), a declared charset (HTML ``<meta>``),
EUC-KR/cp949 when the high bytes pair up into Hangul, GB18030 for paired Han text, mostly-valid
UTF-8 with a few bad bytes, then cp1252 and finally latin-1 (which always succeeds).
"""

from __future__ import annotations

import codecs
import re
import unicodedata

_HIGH = bytes(range(0x80, 0x100))
_EUC_PAIR = re.compile(rb"[\xa1-\xfe][\xa1-\xfe]")
_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200d\u2060\ufeff]")
_SURROGATES = re.compile(r"[\ud800-\udfff]")
_NEWLINES = re.compile(r"\r\n?|[\u2028\u2029\x85]")
_CHARSET = re.compile(rb"""charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]{2,40})""", re.I)

# WHATWG-style aliases: legacy labels mapped to the codec browsers really use.
_ALIASES = {
    "euc-kr": "cp949",
    "euckr": "cp949",
    "ks_c_5601-1987": "cp949",
    "ks_c_5601": "cp949",
    "ksc5601": "cp949",
    "x-windows-949": "cp949",
    "windows-949": "cp949",
    "uhc": "cp949",
    "iso-8859-1": "cp1252",
    "latin1": "cp1252",
    "latin-1": "cp1252",
    "us-ascii": "cp1252",
    "ascii": "cp1252",
    "windows-1252": "cp1252",
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "x-gbk": "gb18030",
    "shift_jis": "cp932",
    "shift-jis": "cp932",
    "sjis": "cp932",
    "x-sjis": "cp932",
    "windows-31j": "cp932",
    "utf8": "utf-8",
    "big5": "big5hkscs",
}


# Python codecs that are not character sets a page can be written in: a page declaring
# one ("unicode_escape" turns the text "\\ud800" into a lone surrogate) is not believed.
_NOT_CHARSETS = frozenset(
    {
        "unicode-escape",
        "raw-unicode-escape",
        "punycode",
        "idna",
        "undefined",
        "charmap",
        "utf-7",
        "mbcs",
        "oem",
        "palmos",
    }
)


def _canonical(codec: str) -> str | None:
    name = _ALIASES.get(codec.lower(), codec.lower())
    try:
        info = codecs.lookup(name)
    except LookupError:
        return None
    if not info._is_text_encoding or info.name in _NOT_CHARSETS:  # type: ignore[attr-defined]
        return None
    return info.name


def declared_charset(data: bytes) -> str | None:
    """The charset an HTML/XML head declares in its first 4 KB, as a Python codec name."""
    m = _CHARSET.search(data[:4096])
    if not m:
        m = re.search(rb"""<\?xml[^>]*encoding\s*=\s*["']([A-Za-z0-9_.-]+)""", data[:200])
    return _canonical(m.group(1).decode("ascii", "replace")) if m else None


def _utf16_without_bom(head: bytes) -> str | None:
    """Guess UTF-16 LE/BE text without a BOM from where the NUL bytes fall."""
    if len(head) < 8:
        return None
    even, odd = head[0::2], head[1::2]
    z_even, z_odd = even.count(0) / len(even), odd.count(0) / len(odd)
    if z_odd > 0.4 and z_even < 0.05:
        return "utf-16-le"
    if z_even > 0.4 and z_odd < 0.05:
        return "utf-16-be"
    return None


def _cjk_share(text: str) -> tuple[int, int, int]:
    """(non-ASCII chars, Hangul syllables, Han/Kana chars) in ``text``."""
    non_ascii = hangul = han = 0
    for ch in text[:200_000]:
        o = ord(ch)
        if o < 0x80:
            continue
        non_ascii += 1
        if 0xAC00 <= o <= 0xD7A3:
            hangul += 1
        elif 0x4E00 <= o <= 0x9FFF or 0x3040 <= o <= 0x30FF:
            han += 1
    return non_ascii, hangul, han


def _try(data: bytes, codec: str) -> str | None:
    try:
        return data.decode(codec)
    except (UnicodeDecodeError, LookupError):
        return None


def decode_bytes(data: bytes, declared: str | None = None) -> tuple[str, str]:
    """Decode ``data``; returns ``(text, encoding name)``.  Never raises."""
    if data.startswith(codecs.BOM_UTF8):
        return data[3:].decode("utf-8", "replace"), "utf-8-sig"
    if data.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        return data.decode("utf-32", "replace"), "utf-32"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16", "replace"), "utf-16"
    bomless = _utf16_without_bom(data[:4096])
    if bomless:
        return data.decode(bomless, "replace"), bomless
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as exc:
        if exc.reason == "unexpected end of data" and exc.start >= len(data) - 3:
            return data[: exc.start].decode("utf-8", "replace"), "utf-8"
    if declared and declared not in ("utf-8", "cp1252"):
        text = _try(data, declared)
        if text is not None:
            return text, declared
    sample = data[:1_000_000]  # the ratio is stable long before 20 MB
    high = len(sample) - len(sample.translate(None, _HIGH))
    paired = 2 * len(_EUC_PAIR.findall(sample))
    if high and paired >= 0.9 * high:
        text = _try(data, "cp949")
        if text is not None:
            non_ascii, hangul, _ = _cjk_share(text)
            spaces = text.count(" ", 0, 200_000)
            if hangul >= 0.5 * non_ascii and (spaces >= 0.08 * hangul or hangul < 40):
                return text, "cp949"
        text = _try(data, "gb18030")
        if text is not None:
            non_ascii, _, han = _cjk_share(text)
            if han >= 0.6 * non_ascii:
                return text, "gb18030"
    lenient = data.decode("utf-8", "replace")
    bad = lenient.count("\ufffd")
    non_ascii = len(lenient) - len(lenient.encode("ascii", "ignore"))
    if bad * 4 < non_ascii - bad:
        return lenient, "utf-8"  # mostly UTF-8 with a few foreign bytes (mixed encodings)
    text = _try(data, "cp1252")
    if text is not None:
        return text, "cp1252"
    return data.decode("latin-1"), "latin-1"


def normalise(text: str) -> str:
    """Unify newlines, drop control and zero-width characters (keeping ``\\n`` and ``\\t``)."""
    # Every character changed below is non-printable; most texts hold none but line breaks
    # and tabs, and this test is far cheaper than the patterns' scans.
    if not text.replace("\n", "").replace("\t", "").isprintable():
        text = _NEWLINES.sub("\n", text)
        text = text.replace("\x0c", "\n").replace("\x0b", "\n")
        text = _CONTROLS.sub("", text)
        # text is text: a lone surrogate (from a hostile decoder or escape) cannot be
        # written as UTF-8 anywhere downstream; it becomes the replacement character
        text = _SURROGATES.sub("\ufffd", text)
    if not text.isascii():
        text = unicodedata.normalize("NFC", text)
    return text
