"""Shape check of model objects read back from the workspace cache.

The restricted unpickler (``store_codec.decode``) guarantees a cached blob builds nothing but
model records, dates and plain builtins; it cannot guarantee they fit together.  A tampered or
damaged blob can still hold an ``Article`` whose ``body`` is an int, a ``Corpus`` whose
``events`` are dates, or a tuple of ten million references to one event, and every later
stage would crash or stall on it.  :func:`check` walks a decoded object against the field
annotations of the model's dataclasses (read through ``dataclasses.fields`` and
``typing.get_type_hints``, so a new field is checked without touching this module) and
bounds the number of nodes the object expands to: every reference counts, so sharing cannot
multiply a small blob into a huge tree, and the walk stops as soon as the budget is spent.

The walk visits every record of a corpus (750,000 for 10,000 articles), so each record
class gets a checker generated as straight-line code (as ``quick_init`` does for
``__init__``): a third of the cost of a loop over the fields.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import types
import typing
from collections.abc import Callable
from functools import cache
from operator import attrgetter, le
from typing import Any

# A checker takes (value, nodes left) and returns the nodes left after it, or raises Invalid.
Checker = Callable[[Any, int], int]

# A pickled record or tuple element costs well over ten bytes (opcodes, field names,
# values): the benchmark corpus has 0.009 node per byte, its articles under 0.007.
NODES_PER_BYTE = 0.25
MIN_NODES = 10_000


class Invalid(ValueError):
    """The decoded object does not have the shape the model declares."""


def check(obj: Any, expected: type, blob_size: int) -> None:
    """Raise :class:`Invalid` unless ``obj`` is an ``expected`` whose fields (recursively)
    have their annotated types and whose expanded size fits a blob of ``blob_size`` bytes."""
    _checker(expected)(obj, max(MIN_NODES, int(blob_size * NODES_PER_BYTE)))


def _fail(what: str) -> typing.NoReturn:
    raise Invalid(what)


def _too_many() -> typing.NoReturn:
    raise Invalid("more objects than the size of the cache entry allows")


def _is_union(hint: Any) -> bool:
    return isinstance(hint, types.UnionType) or typing.get_origin(hint) is typing.Union


def _scalar_types(hint: Any) -> tuple[type, ...] | None:
    """The exact runtime types a scalar annotation admits, or None when it is not scalar.
    Unpickling builds only builtins and whitelisted classes, so exact ``type(x) is T`` tests
    are sound (no subclass can appear) and fast; an int is a valid float."""
    if hint is type(None):
        return (type(None),)
    if hint is float:
        return (float, int)
    if hint in (str, int, bool, bytes, dt.date):
        return (hint,)
    if _is_union(hint):
        parts = [_scalar_types(a) for a in typing.get_args(hint)]
        if all(p is not None for p in parts):
            return tuple(dict.fromkeys(t for p in parts if p is not None for t in p))
    return None


def _bad_type(var: str, allowed: tuple[type, ...], ns: dict[str, Any]) -> str:
    """Source of a test that is true when ``var`` has none of the ``allowed`` types (the
    types are bound in ``ns``)."""
    tests = []
    for t in allowed:
        if t is type(None):
            tests.append(f"{var} is not None")
        else:
            ns[f"T_{t.__name__}"] = t
            tests.append(f"type({var}) is not T_{t.__name__}")
    return " and ".join(tests)


@cache
def _checker(hint: Any) -> Checker:
    ns: dict[str, Any] = {}
    if isinstance(hint, type) and dataclasses.is_dataclass(hint):
        body = _record_lines("v", hint, ns, 0)
    else:
        body = _lines("v", hint, str(hint), ns, 0)
    src = "def check(v, left):\n    try:\n"
    src += "".join(f"        {line}\n" for line in body)
    src += "    except KeyError:\n        _fail('a record without all its fields')\n"
    ns.update(_fail=_fail, _too_many=_too_many)
    exec(src + "    return left\n", ns)
    return ns["check"]  # type: ignore[no-any-return]


def _lines(var: str, hint: Any, what: str, ns: dict[str, Any], depth: int) -> list[str]:
    """Source checking ``var`` against ``hint``, spending one node of ``left`` per record
    and per tuple element.  Records with scalar fields only are checked inline; others call
    their own checker (which keeps each function small)."""
    scalars = _scalar_types(hint)
    if scalars is not None:
        return [f"if {_bad_type(var, scalars, ns)}: _fail({what!r})"]
    args = typing.get_args(hint)
    if _is_union(hint) and len(args) == 2 and type(None) in args:  # X | None
        (inner,) = [a for a in args if a is not type(None)]
        return [f"if {var} is not None:", *_indent(_lines(var, inner, what, ns, depth))]
    if typing.get_origin(hint) is tuple and len(args) == 2 and args[1] is Ellipsis:
        y = f"y{depth}"
        return [
            f"if type({var}) is not tuple: _fail({what!r})",
            f"left -= len({var})",
            "if left < 0: _too_many()",
            f"for {y} in {var}:",
            *_indent(_lines(y, args[0], what, ns, depth + 1)),
        ]
    if isinstance(hint, type) and dataclasses.is_dataclass(hint):
        if _is_leaf(hint):
            return _record_lines(var, hint, ns, depth)
        ns[f"C_{hint.__name__}"] = _checker(hint)
        return [f"left = C_{hint.__name__}({var}, left)"]
    raise TypeError(f"store_validate: no check for the annotation {hint!r}")


@cache
def field_hints(cls: type) -> dict[str, Any]:
    """A dataclass's field annotations, resolved."""
    return typing.get_type_hints(cls)


def invariant_holds(obj: Any) -> bool:
    """Whether ``obj`` (a record whose fields are already checked) keeps its class's
    invariant, if it has one."""
    invariant = _INVARIANTS.get(type(obj).__name__)
    return invariant is None or invariant(vars(obj))


def _is_leaf(cls: type) -> bool:
    hints = field_hints(cls)
    return cls.__name__ not in _INVARIANTS and all(
        _scalar_types(hints[f.name]) is not None for f in dataclasses.fields(cls)
    )


def _indent(lines: list[str]) -> list[str]:
    return [f"    {line}" for line in lines]


def _record_lines(var: str, cls: type, ns: dict[str, Any], depth: int) -> list[str]:
    """A dataclass instance: exactly its declared fields in its ``__dict__``, each of its
    annotated type, plus the class's invariant (if any); the record is one node."""
    label = cls.__name__
    hints = field_hints(cls)
    fields = dataclasses.fields(cls)
    ns[f"CLS_{label}"] = cls
    d, x = f"d{depth}", f"x{depth}"
    lines = [
        f"if type({var}) is not CLS_{label}: _fail('not a {label}')",
        "left -= 1",
        "if left < 0: _too_many()",
        # A dataclass without slots always has its __dict__, and frozen it cannot be swapped
        f"{d} = {var}.__dict__",
        f"if len({d}) != {len(fields)}: _fail('{label} fields')",
    ]
    for f in fields:
        lines.append(f"{x} = {d}[{f.name!r}]")
        lines += _lines(x, hints[f.name], f"{label}.{f.name}", ns, depth + 1)
    if label in _INVARIANTS:
        ns[f"INVARIANT_{label}"] = _INVARIANTS[label]
        lines.append(f"if not INVARIANT_{label}({d}): _fail('{label} invariant')")
    return lines


def _spans_in_body(d: dict[str, Any]) -> bool:
    """Article: caption and paragraph spans index into the body (see ``model.Article``)."""
    spans = d["captions"] + d["paragraphs"]
    if not spans:
        return True
    starts, ends = list(map(_START, spans)), list(map(_END, spans))
    return min(starts) >= 0 and max(ends) <= len(d["body"]) and all(map(le, starts, ends))


_START, _END = attrgetter("start"), attrgetter("end")

# Relations between fields that types cannot express, by class name: only what the model
# documents and later stages index with.
_INVARIANTS: dict[str, Callable[[dict[str, Any]], bool]] = {"Article": _spans_in_body}
