"""A faster ``__init__`` for frozen dataclasses.

A frozen dataclass sets each field through ``object.__setattr__`` (its own ``__setattr__``
refuses), about three times slower than a plain class: one article creates a few hundred
sentences, time expressions, spans and hits, so this shows in the per-article cost.
``quick_init`` replaces the generated ``__init__`` by one with the same signature that fills
the instance dict directly.  Everything else (immutability afterwards, equality, hashing,
``dataclasses.replace``, pickling) is the dataclass's own and unchanged.  Classes it cannot
mirror exactly (slots, ``__post_init__``, default factories, keyword-only or non-init fields)
keep their generated ``__init__``.
"""

from __future__ import annotations

import dataclasses
from typing import Any, TypeVar

T = TypeVar("T")


def quick_init(cls: type[T]) -> type[T]:
    params = cls.__dataclass_params__  # type: ignore[attr-defined]
    fields = dataclasses.fields(cls)  # type: ignore[arg-type]
    if (
        not params.frozen
        or "__slots__" in cls.__dict__
        or hasattr(cls, "__post_init__")
        or any(
            not f.init or f.kw_only or f.default_factory is not dataclasses.MISSING for f in fields
        )
    ):
        return cls
    namespace: dict[str, Any] = {}
    args = []
    for f in fields:
        if f.default is dataclasses.MISSING:
            args.append(f.name)
        else:
            namespace[f"_default_{f.name}"] = f.default
            args.append(f"{f.name}=_default_{f.name}")
    body = "".join(f"    _d_[{f.name!r}] = {f.name}\n" for f in fields)
    source = f"def __init__(self, {', '.join(args)}):\n    _d_ = self.__dict__\n{body}"
    exec(source, namespace)
    init = namespace["__init__"]
    init.__qualname__ = f"{cls.__qualname__}.__init__"
    init.__module__ = cls.__module__
    init.__doc__ = cls.__init__.__doc__
    cls.__init__ = init  # type: ignore[method-assign]
    return cls
