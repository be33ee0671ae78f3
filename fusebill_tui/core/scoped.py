"""A context variable set for the length of a ``with`` block (and the tasks started inside it)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import TypeVar

T = TypeVar("T")


@contextmanager
def scoped(variable: ContextVar[T], value: T) -> Iterator[None]:
    """``variable`` is ``value`` within this block; what it was before, after it."""
    token = variable.set(value)
    try:
        yield
    finally:
        variable.reset(token)
