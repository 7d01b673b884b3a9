"""Facts read once per page: a scope within which a read of the same fact about the same subject is answered from
the first read.

A page that assembles a person's whole picture asks several domain rules the same question (three services'
open_to rules each ask "is a pensioner?"; the card and the pension are read by a section and by a prompt). Inside
`read_once()` those reads share one answer; outside it (every service, every write) `once()` just reads. The scope
lives for one block of one request in one thread (a context variable) and holds nothing after it, so no answer
outlives the page that read it: open it only around reads, never around a write.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import TypeVar

T = TypeVar("T")

_answers: ContextVar[dict | None] = ContextVar("accounts_memo_answers", default=None)


@contextmanager
def read_once() -> Iterator[None]:
    """Within this block, `once()` reads each fact once (a nested block shares the outer one's answers)."""
    if _answers.get() is not None:
        yield
        return
    token = _answers.set({})
    try:
        yield
    finally:
        _answers.reset(token)


def active() -> bool:
    """Whether a `read_once()` block is open."""
    return _answers.get() is not None


def once(key: Hashable, read: Callable[[], T]) -> T:
    """read(), or within `read_once()` the answer its first call with this key gave."""
    answers = _answers.get()
    if answers is None:
        return read()
    if key not in answers:
        answers[key] = read()
    return answers[key]
