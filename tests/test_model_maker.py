"""`model._maker`: the readers' fast constructors build the same frozen records as the attrs `__init__`."""

from __future__ import annotations

import attrs
import pytest

from trialparse import model as m

CLASSES = [cls for cls in vars(m).values()
           if isinstance(cls, type) and attrs.has(cls) and cls.__module__ == m.__name__]


@pytest.mark.parametrize("cls", CLASSES, ids=lambda cls: cls.__name__)
def test_maker_builds_the_same_record(cls: type) -> None:
    make = m._maker(cls)
    values = {f.name: f"v-{f.name}" for f in attrs.fields(cls)}
    made, built = make(**values), cls(**values)
    assert type(made) is cls
    assert made == built and hash(made) == hash(built) and repr(made) == repr(built)
    required = {f.name: values[f.name] for f in attrs.fields(cls) if f.default is attrs.NOTHING}
    assert make(**required) == cls(**required)  # the defaults are the class's own
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        made.__setattr__(attrs.fields(cls)[0].name, None)
    with pytest.raises(TypeError):
        make(*values.values())  # keyword-only, as the model


@pytest.mark.parametrize("cls", CLASSES, ids=lambda cls: cls.__name__)
def test_positional_maker_builds_the_same_record(cls: type) -> None:
    names = tuple(f.name for f in attrs.fields(cls))
    make = m._maker(cls, positional=names)
    values = {name: f"v-{name}" for name in names}
    made, built = make(*values.values()), cls(**values)
    assert type(made) is cls
    assert made == built and hash(made) == hash(built) and repr(made) == repr(built)
    with pytest.raises(TypeError):
        make(*list(values.values())[:-1])  # every field, none defaulted


def test_positional_maker_checks_the_field_names() -> None:
    with pytest.raises(TypeError, match="fields are"):
        m._maker(m.Location, positional=("city", "facility", "state", "zip", "country", "status", "geo"))
