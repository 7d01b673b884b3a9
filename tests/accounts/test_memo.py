"""accounts.memo: inside read_once() a fact is read once; outside it every call reads."""

from __future__ import annotations

from accounts import memo


def counter():
    calls = []

    def read():
        calls.append(1)
        return len(calls)

    return calls, read


def test_outside_a_block_every_call_reads():
    calls, read = counter()
    assert not memo.active()
    assert memo.once("k", read) == 1 and memo.once("k", read) == 2
    assert len(calls) == 2


def test_inside_a_block_a_key_is_read_once_and_forgotten_after_it():
    calls, read = counter()
    with memo.read_once():
        assert memo.active()
        assert memo.once("k", read) == 1 and memo.once("k", read) == 1
        assert memo.once("other", read) == 2
        with memo.read_once():  # a nested block shares the outer one's answers
            assert memo.once("k", read) == 1
        assert memo.active()
    assert not memo.active()
    assert memo.once("k", read) == 3
    assert len(calls) == 3


def test_an_error_in_the_block_leaves_no_answers_behind():
    _calls, read = counter()
    try:
        with memo.read_once():
            memo.once("k", read)
            raise ValueError
    except ValueError:
        pass
    assert not memo.active()
    assert memo.once("k", read) == 2
