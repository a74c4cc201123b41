"""Undo hard wrapping (``lynx -dump``, e-mail, fixed-width text) before line analysis.

A text is treated as wrapped when most long lines stop near the same column; a line that
reached that column is joined with the next non-blank, non-bullet line.  Numbered link
markers of text browsers (``[12]Politics``) are removed when a page is full of them.
"""

from __future__ import annotations

import re

_TERMINAL = re.compile(r"[.!?。！？…:][”\"’')\]]*$")
_LINK_MARK = re.compile(r"\[\d{1,4}\]")
_BULLETISH = re.compile(r"^\s*(?:[•·◦▪■□▶►○●*+#-]\s|\d{1,3}[.)]\s)")


def strip_link_markers(lines: list[str]) -> list[str]:
    sample = "\n".join(lines[:2000])
    if len(_LINK_MARK.findall(sample)) < 5:
        return lines
    return [_LINK_MARK.sub("", ln) for ln in lines]


def wrap_width(lines: list[str]) -> int | None:
    """The column a hard-wrapped text was wrapped at, or None if it is not wrapped.

    Evidence: almost no line is longer than the width, many lines end within 15 columns of
    it, and most of those end mid-sentence.
    """
    texts = [ln.rstrip() for ln in lines if ln.strip()]
    if len(texts) < 6:
        return None
    lengths = sorted(len(t) for t in texts)
    width = lengths[int(0.95 * (len(lengths) - 1))]
    if not 40 <= width <= 100 or lengths[-1] > width + 40:
        return None
    near = [t for t in texts if width - 15 <= len(t) <= width + 2]
    if len(near) < max(4, 0.3 * len(texts)):
        return None
    open_ended = sum(1 for t in near if not _TERMINAL.search(t))
    return width if open_ended >= 0.6 * len(near) else None


def unwrap(lines: list[str]) -> list[str]:
    lines = strip_link_markers(lines)
    width = wrap_width(lines)
    if width is None:
        return lines
    out: list[str] = []
    joinable = False
    for ln in lines:
        text = ln.rstrip()
        if joinable and text.strip() and not _BULLETISH.match(text):
            prev = out[-1]
            glue = "" if prev.endswith("-") and text.lstrip()[:1].islower() else " "
            out[-1] = prev + glue + text.strip()
        else:
            out.append(text)
        joinable = bool(text.strip()) and len(text) >= width - 20
    return out
