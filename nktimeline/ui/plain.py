"""Untrusted strings shown as text, never as markup.

File names and everything read from an article (titles, publishers, bylines, error messages,
event titles, places) come from the outside world.  Qt guesses whether a string is rich text
(``Qt::mightBeRichText``: roughly, "the first tag on the first line is a known HTML tag") in
labels left at ``Qt.AutoText``, in every tooltip and in message boxes; a file named
``<img src="/dev/zero"> report.txt`` would then be rendered as HTML, and Qt loads the image an
``<img src>`` names (reading ``/dev/zero`` aborts the process).

So: labels and message boxes that show such strings are :data:`Qt.TextFormat.PlainText`;
tooltips, which have no format setting, are escaped and wrapped in a paragraph, which makes Qt
take them as (harmless) rich text that displays exactly the original characters.  Rich text
built on purpose (the reader's event box, the timeline's tooltip) escapes every interpolated
string with :func:`esc`.  Status-bar messages and ``QPainter.drawText`` are always plain text.
"""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QMessageBox, QWidget


def esc(value: object) -> str:
    """``value`` as text safe to interpolate into Qt rich text."""
    return html.escape(str(value), quote=True)


def plain_tooltip(text: str | None) -> str:
    """A tooltip that shows exactly ``text`` (line breaks kept, no wrapping); ``""`` for none.

    The paragraph makes ``Qt::mightBeRichText`` true whatever ``text`` holds (escaped text
    alone would be shown with its entities, e.g. ``a &amp; b``, unless it contains ``&lt;``).
    """
    if not text:
        return ""
    return f"<p style='white-space:pre'>{esc(text)}</p>"


def plain_label(text: str = "", parent: QWidget | None = None) -> QLabel:
    """A QLabel that never interprets its text as markup."""
    label = QLabel(parent)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setText(text)
    return label


def warning_box(parent: QWidget | None, title: str, text: str) -> QMessageBox:
    """A warning message box showing ``text`` as plain text (call ``exec()`` to show it)."""
    box = QMessageBox(QMessageBox.Icon.Warning, title, "", QMessageBox.StandardButton.Ok, parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setText(text)
    return box
