"""``quick_init`` gives frozen dataclasses a faster ``__init__``; everything a caller can see
must stay as the dataclass made it."""

from __future__ import annotations

import dataclasses
import datetime as dt
import inspect
import pickle

import pytest

from nktimeline import model
from nktimeline.events.lexicon import Hit
from nktimeline.quick_init import quick_init


def _plain(cls):
    """The same fields as a dataclass of its own (the reference ``__init__``)."""
    return dataclasses.make_dataclass(
        "Ref",
        [(f.name, f.type, f) for f in dataclasses.fields(cls)],
        frozen=True,
    )


@pytest.mark.parametrize(
    "cls",
    [model.DateValue, model.Span, model.Sentence, model.Timex, model.Mention, model.Event, Hit],
)
def test_same_signature_and_frozen_instances(cls):
    assert cls.__init__.__qualname__ == f"{cls.__qualname__}.__init__"
    ours = inspect.signature(cls.__init__).parameters
    ref = inspect.signature(_plain(cls).__init__).parameters
    assert [(p.name, p.default) for p in ours.values()] == [
        (p.name, p.default) for p in ref.values()
    ]


def test_instances_behave_like_dataclasses():
    d = model.DateValue(dt.date(2019, 2, 27), dt.date(2019, 2, 28), "day", "stated", 0.9)
    assert d.note == "" and d == model.DateValue(*dataclasses.astuple(d))
    assert hash(d) == hash(dataclasses.replace(d))
    with pytest.raises(dataclasses.FrozenInstanceError):
        d.note = "x"  # type: ignore[misc]
    assert pickle.loads(pickle.dumps(d)) == d
    s = model.Sentence(3, 9, "Talks.")
    assert dataclasses.replace(s, caption=True).caption is True
    with pytest.raises(TypeError):
        model.Sentence(3, 9)  # type: ignore[call-arg]


def test_classes_it_cannot_mirror_keep_their_init():
    @dataclasses.dataclass(frozen=True)
    class WithFactory:
        items: list = dataclasses.field(default_factory=list)

    @dataclasses.dataclass(frozen=True)
    class WithPostInit:
        a: int

        def __post_init__(self) -> None:
            object.__setattr__(self, "a", self.a + 1)

    @dataclasses.dataclass
    class NotFrozen:
        a: int

    for cls in (WithFactory, WithPostInit, NotFrozen):
        before = cls.__init__
        assert quick_init(cls).__init__ is before
    assert WithPostInit(1).a == 2
