"""A faster ``__init__`` for the engine's small frozen dataclasses.

A frozen dataclass's generated ``__init__`` sets each field through
``object.__setattr__`` (its own ``__setattr__`` refuses): about half a microsecond per
field. The engine makes half a dozen such objects per date (a mention, a value, an anchor,
a resolution, a timex, an event), so on dense text they were a fifth of its time. The
``__init__`` made here fills the instance's ``__dict__`` in one step: the same signature,
defaults, fields and field order, so equality, hashing, ``repr``, pickling and
``dataclasses.replace`` are those of the dataclass. Only plain fields are supported (no
``default_factory``, ``init=False``, keyword-only fields, ``__post_init__`` or slots); a
class with any of them is refused when it is decorated, not silently changed.
"""

from __future__ import annotations

import dataclasses
from typing import TypeVar

T = TypeVar("T")


def quick_init(cls: type[T]) -> type[T]:
    """Give the frozen dataclass ``cls`` a one-step ``__init__`` (apply above ``@dataclass``)."""
    params = getattr(cls, "__dataclass_params__", None)
    if params is None or not params.frozen or not params.init:
        raise TypeError(f"{cls.__name__}: quick_init is for frozen dataclasses with a generated __init__")
    if hasattr(cls, "__post_init__") or hasattr(cls, "__slots__"):
        raise TypeError(f"{cls.__name__}: __post_init__ and slots are not supported")
    fields = dataclasses.fields(cls)
    namespace: dict[str, object] = {}
    signature, items = [], []
    for f in fields:
        if not f.init or f.kw_only or f.default_factory is not dataclasses.MISSING:
            raise TypeError(f"{cls.__name__}.{f.name}: only plain fields are supported")
        if f.default is dataclasses.MISSING:
            signature.append(f.name)
        else:
            namespace[f"_default_{f.name}"] = f.default
            signature.append(f"{f.name}=_default_{f.name}")
        items.append(f"{f.name!r}: {f.name}")
    source = (f"def __init__(self, {', '.join(signature)}):\n"
              f"    self.__dict__.update({{{', '.join(items)}}})\n")
    exec(source, namespace)  # noqa: S102 - the source is built from the class's own field names
    init = namespace["__init__"]
    init.__qualname__ = f"{cls.__qualname__}.__init__"  # type: ignore[attr-defined]
    init.__doc__ = cls.__init__.__doc__
    cls._dataclass_init = cls.__init__  # type: ignore[attr-defined]  # kept for the tests that compare both
    cls.__init__ = init  # type: ignore[misc]
    return cls
