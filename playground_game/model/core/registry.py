"""A small ordered table of rows, each with a unique `key`: the shape of every engine concept.

A row's position is its id: the integer the numba kernels dispatch on (rows are never reordered
once kernels are compiled against them; a new row goes at the end).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Generic, Protocol, TypeVar


class _Keyed(Protocol):
    @property
    def key(self) -> str: ...


Row = TypeVar("Row", bound=_Keyed)


class UnknownKeyError(KeyError, ValueError):
    """A key that is not in a table; the message lists the allowed keys."""

    def __str__(self) -> str:  # KeyError would quote the whole message
        return str(self.args[0])


class Registry(Generic[Row]):
    """Rows in a fixed order, looked up by key (`table[key]`) or iterated in order."""

    def __init__(self, name: str, rows: tuple[Row, ...] | list[Row]) -> None:
        self.name = name
        self.rows: tuple[Row, ...] = tuple(rows)
        self._ids: dict[str, int] = {}
        for index, row in enumerate(self.rows):
            if row.key in self._ids:
                raise ValueError(f"{name}: key {row.key!r} appears twice")
            self._ids[row.key] = index

    def __getitem__(self, key: str) -> Row:
        return self.rows[self.id_of(key)]

    def __contains__(self, key: object) -> bool:
        return key in self._ids

    def __iter__(self) -> Iterator[Row]:
        return iter(self.rows)

    def __len__(self) -> int:
        return len(self.rows)

    def __repr__(self) -> str:
        return f"Registry({self.name!r}, keys={self.keys()!r})"

    def keys(self) -> tuple[str, ...]:
        """Every key, in table order."""
        return tuple(self._ids)

    def id_of(self, key: str) -> int:
        """The row's index: the id the kernels dispatch on."""
        try:
            return self._ids[key]
        except (KeyError, TypeError):
            allowed = ", ".join(self._ids)
            raise UnknownKeyError(f"{self.name}: {key!r} is not one of {allowed}") from None
