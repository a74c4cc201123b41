"""Legible colours: the WCAG 2 contrast ratio, and the smallest change that reaches it.

Colours are ``#rrggbb`` strings (no Qt needed).  The reader takes its text and background from
the palette of the theme in use; a tint from ``resources/ui/colors.json`` is only a hue to
start from, moved towards the background until the palette's text reads on it.
"""

from __future__ import annotations

READABLE = 4.5  # WCAG 2 AA for body text


def _rgb(color: str) -> tuple[int, int, int]:
    c = color.lstrip("#")
    return int(c[0:2], 16), int(c[2:4], 16), int(c[4:6], 16)


def _hex(rgb: tuple[float, float, float]) -> str:
    return "#" + "".join(f"{max(0, min(255, round(v))):02x}" for v in rgb)


def luminance(color: str) -> float:
    """WCAG relative luminance of ``color`` (0 black .. 1 white)."""

    def channel(v: int) -> float:
        s = v / 255
        return s / 12.92 if s <= 0.04045 else ((s + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(v) for v in _rgb(color))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    """WCAG contrast ratio between two colours (1 .. 21)."""
    la, lb = luminance(a), luminance(b)
    hi, lo = max(la, lb), min(la, lb)
    return (hi + 0.05) / (lo + 0.05)


def mix(a: str, b: str, t: float) -> str:
    """``a`` moved the fraction ``t`` of the way to ``b``."""
    ra, rb = _rgb(a), _rgb(b)
    return _hex(tuple(x + (y - x) * t for x, y in zip(ra, rb, strict=True)))


def _steps(n: int = 20) -> list[float]:
    return [k / n for k in range(n + 1)]


def ink_on(text: str, base: str, ratio: float = READABLE) -> str:
    """The palette's ``text`` colour if it reads on ``base``; else black or white, whichever
    reads better (a palette whose own text is faint is not trusted)."""
    if contrast(text, base) >= ratio:
        return text
    return max("#000000", "#ffffff", key=lambda c: contrast(c, base))


def legible(color: str, background: str, ratio: float = READABLE) -> str:
    """``color`` if it reads on ``background``; else the nearest shade of it (towards black
    on a light background, towards white on a dark one) that does."""
    if contrast(color, background) >= ratio:
        return color
    target = max("#000000", "#ffffff", key=lambda c: contrast(c, background))
    for t in _steps():
        shade = mix(color, target, t)
        if contrast(shade, background) >= ratio:
            return shade
    return target


def tint_under(wanted: str, base: str, ink: str, ratio: float = READABLE) -> str:
    """A background as close to ``wanted`` as lets ``ink`` read on it, moving towards
    ``base`` (on which ``ink`` reads, see :func:`ink_on`)."""
    for t in _steps():
        shade = mix(wanted, base, t)
        if contrast(ink, shade) >= ratio:
            return shade
    return base


def muted(ink: str, base: str, ratio: float = READABLE) -> str:
    """Secondary text: ``ink`` faded towards ``base`` as far as it still reads."""
    best = ink
    for t in _steps():
        shade = mix(ink, base, t)
        if contrast(shade, base) < ratio:
            break
        best = shade
    return best
