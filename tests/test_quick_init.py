"""quick_init's one-step __init__ builds exactly what the dataclass's own __init__ builds."""

from __future__ import annotations

import dataclasses
import pickle
from dataclasses import dataclass, field

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from timeline_app.links import Derived
from timeline_app.model import Anchor, Event, Resolution, Timex
from timeline_app.quick_init import quick_init
from timeline_app.resolver import Ref, Value
from timeline_app.tagger import Mention

CLASSES = [Anchor, Resolution, Timex, Event, Derived, Ref, Value, Mention]
values = st.one_of(st.none(), st.integers(), st.text(max_size=5), st.dates(), st.tuples(st.integers()))


def built_by_dataclass(cls: type, *args: object, **kwargs: object) -> object:
    obj = cls.__new__(cls)
    cls._dataclass_init(obj, *args, **kwargs)
    return obj


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(CLASSES), st.data())
def test_same_object_as_the_dataclass_builds(cls: type, data: st.DataObject) -> None:
    fields = dataclasses.fields(cls)
    required = [f for f in fields if f.default is dataclasses.MISSING]
    given_count = data.draw(st.integers(len(required), len(fields)))
    args = [data.draw(values) for _ in fields[:given_count]]
    as_keywords = data.draw(st.integers(0, given_count))  # the last ones passed by name
    positional = args[:given_count - as_keywords]
    keywords = {f.name: v for f, v in zip(fields[given_count - as_keywords:given_count], args[given_count - as_keywords:])}
    quick, plain = cls(*positional, **keywords), built_by_dataclass(cls, *positional, **keywords)
    assert list(vars(quick).items()) == list(vars(plain).items())  # the same fields, values and order
    assert quick == plain and repr(quick) == repr(plain)
    try:
        assert hash(quick) == hash(plain)
    except TypeError:  # an unhashable value (a dict of groups) is unhashable both ways
        with pytest.raises(TypeError):
            hash(plain)
    with pytest.raises(dataclasses.FrozenInstanceError):
        setattr(quick, fields[0].name, 1)
    assert pickle.loads(pickle.dumps(quick)) == quick
    changed = dataclasses.replace(quick, **{fields[0].name: 7})
    assert getattr(changed, fields[0].name) == 7
    assert all(getattr(changed, f.name) == getattr(quick, f.name) for f in fields[1:])


def test_wrong_calls_fail_as_before() -> None:
    with pytest.raises(TypeError):
        Anchor()  # type: ignore[call-arg]
    with pytest.raises(TypeError):
        Anchor("publication", nope=1)  # type: ignore[call-arg]
    with pytest.raises(TypeError):
        Anchor("publication", "2012-01-26", 1, "x", "too many")  # type: ignore[call-arg]


def test_unsupported_classes_are_refused() -> None:
    @dataclass(frozen=True)
    class WithFactory:
        items: list[int] = field(default_factory=list)

    @dataclass
    class NotFrozen:
        x: int

    @dataclass(frozen=True)
    class WithPostInit:
        x: int

        def __post_init__(self) -> None:
            pass

    for cls in (WithFactory, NotFrozen, WithPostInit):
        with pytest.raises(TypeError):
            quick_init(cls)
