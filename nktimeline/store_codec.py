"""Bytes <-> model objects for the workspace cache (the SQL is in ``store``).

A blob is read back by an unpickler that only admits model classes and dates, then checked
against the model's declared shape (``store_validate``) before anyone sees it.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import gc
import io
import pickle
from typing import Any

from nktimeline import model
from nktimeline.gcpause import gc_paused
from nktimeline.store_validate import Invalid, check, field_hints, invariant_holds

CHUNK = 64  # records per piece of a chunked encoding
ENVELOPE = "nktimeline-chunked-1"

_TYPES: dict[str, type] = {
    cls.__name__: cls
    for cls in (
        model.DateValue,
        model.Published,
        model.Span,
        model.Article,
        model.Sentence,
        model.Timex,
        model.Mention,
        model.Conflict,
        model.Edited,
        model.Event,
        model.LoadError,
        model.Corpus,
    )
}


class _ModelUnpickler(pickle.Unpickler):
    """Unpickler that can only build nktimeline's model records and dates.

    Pickle is used for speed (a 10,000-article corpus reopens in seconds), but a plain
    unpickler can be made to call any function; this one refuses every global that is not
    a model class or ``datetime.date`` (Python docs, "Restricting Globals"), so a tampered
    cache file raises instead of running code.
    """

    def find_class(self, module: str, name: str) -> Any:
        if module == "nktimeline.model" and name in _TYPES:
            return _TYPES[name]
        if module == "datetime" and name == "date":
            return dt.date
        raise pickle.UnpicklingError(f"refusing to load {module}.{name} from the cache")


def encode(obj: Any, *, chunked: bool = False) -> bytes:
    """Model objects -> bytes for the cache.

    ``chunked`` (for a big record, i.e. a Corpus) pickles each tuple field in pieces of
    ``CHUNK`` records inside one envelope: unpickling a piece keeps its memo table small
    and its objects still in the processor's cache while they are checked, so a 10,000
    article corpus decodes *and* validates in less time than one whole pickle decodes."""
    if not chunked:
        return _dumps(obj)
    parts = []
    for f in dataclasses.fields(obj):
        value = getattr(obj, f.name)
        if type(value) is tuple:
            pieces = tuple(_dumps(value[i : i + CHUNK]) for i in range(0, len(value), CHUNK))
            parts.append((f.name, True, pieces))
        else:
            parts.append((f.name, False, (_dumps(value),)))
    return _dumps((ENVELOPE, type(obj).__name__, tuple(parts)))


def decode(data: bytes, expected: type | None = None) -> Any:
    """Inverse of :func:`encode`; raises ``pickle.UnpicklingError`` for anything but model
    objects and, given ``expected``, ``store_validate.Invalid`` (a ValueError) unless the
    result is an ``expected`` of the model's declared shape.

    The cyclic garbage collector is paused meanwhile: building millions of small acyclic
    records otherwise triggers collections that cost four times the unpickling itself.
    """
    with gc_paused():
        obj = _loads(data)
        if type(obj) is tuple and len(obj) == 3 and obj[0] == ENVELOPE:
            obj = _assemble(obj, expected, len(data))
        elif expected is not None:
            check(obj, expected, len(data))
        # The records are acyclic: reference counting frees them, so the cyclic collector
        # need never scan them (a later full collection would cost as much as the load).
        gc.freeze()
        return obj


def _dumps(obj: Any) -> bytes:
    return pickle.dumps(obj, protocol=pickle.HIGHEST_PROTOCOL)


def _loads(data: bytes) -> Any:
    return _ModelUnpickler(io.BytesIO(data)).load()


def _assemble(envelope: tuple[Any, ...], expected: type | None, size: int) -> Any:
    """The record a chunked envelope holds, each piece checked against its field's type
    (given ``expected``) as soon as it is unpickled."""
    _, name, parts = envelope
    cls = _TYPES.get(name) if type(name) is str else None
    if cls is None or (expected is not None and cls is not expected):
        raise Invalid(f"an envelope of {name!r} where {expected} expected")
    names = [f.name for f in dataclasses.fields(cls)]
    if (
        type(parts) is not tuple
        or [p[0] if type(p) is tuple and len(p) == 3 else None for p in parts] != names
        or any(type(p[1]) is not bool or type(p[2]) is not tuple for p in parts)
        or any(type(b) is not bytes for p in parts for b in p[2])
        or any(not p[1] and len(p[2]) != 1 for p in parts)
    ):
        raise Invalid(f"an envelope without the fields of {name}")
    # One piece referenced many times would decode into many copies: every byte once.
    if sum(len(b) for p in parts for b in p[2]) > size:
        raise Invalid("more objects than the size of the cache entry allows")
    hints = field_hints(cls)
    values: dict[str, Any] = {}
    for field, is_tuple, pieces in parts:
        items: list[Any] = []
        for piece in pieces:
            value = _loads(piece)
            if expected is not None:
                check(value, hints[field], len(piece))
            if is_tuple:
                items.extend(value)
            else:
                values[field] = value
        if is_tuple:
            values[field] = tuple(items)
    obj = cls(**values)
    if expected is not None and not invariant_holds(obj):
        raise Invalid(f"{name} breaks its invariant")
    return obj
