"""Records to JSON and back, validated field by field (pydantic over the dataclasses).

One codec serves the vault and the exchange files, so a record means the same
wherever it is stored or sent.
"""

from __future__ import annotations

from functools import cache
from typing import Any, TypeVar

from pydantic import TypeAdapter, ValidationError

from supervision_app.domain.agreement import Agreement
from supervision_app.domain.record import Addendum, SessionRecord

T = TypeVar("T")


class RecordFormatError(ValueError):
    """Stored or received JSON does not describe a valid record."""


@cache
def _adapter(kind: type[T]) -> TypeAdapter[T]:
    return TypeAdapter(kind)


def to_json(value: Any) -> str:
    return _adapter(type(value)).dump_json(value).decode("utf-8")  # type: ignore[arg-type]  # mypy#11470


def from_json(kind: type[T], text: str | bytes, *, strict: bool = False) -> T:
    try:
        return _adapter(kind).validate_json(text, strict=strict)  # type: ignore[arg-type]  # mypy#11470
    except ValidationError as error:
        # Field paths only: values may be personal data.
        fields = ", ".join(".".join(str(p) for p in e["loc"]) for e in error.errors()[:5])
        raise RecordFormatError(f"invalid {kind.__name__}: {fields}") from None


def from_data(kind: type[T], data: Any) -> T:
    """As :func:`from_json`, from data already read from JSON (``json.loads``), for taking parts of a record."""
    try:
        return _adapter(kind).validate_python(data)  # type: ignore[arg-type]  # mypy#11470
    except ValidationError as error:
        fields = ", ".join(".".join(str(p) for p in e["loc"]) for e in error.errors()[:5])
        raise RecordFormatError(f"invalid {kind.__name__}: {fields}") from None


def record_to_json(record: SessionRecord) -> str:
    return to_json(record)


def record_from_json(text: str | bytes) -> SessionRecord:
    return from_json(SessionRecord, text)


__all__ = ["Addendum", "Agreement", "RecordFormatError", "from_data", "from_json", "record_from_json",
           "record_to_json", "to_json"]
