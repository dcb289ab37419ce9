"""The child process that the steps before the analysis run in."""

from __future__ import annotations

import os

import pytest

from flows.run.child_process import ChildProcess


def test_a_call_runs_in_another_process_and_returns_its_result():
    with ChildProcess("flows.ingest") as child:
        assert child.call(os.getpid) != os.getpid()
        assert child.call(divmod, 17, 5) == (3, 2)
        assert child.call(sorted, [3, 1, 2], reverse=True) == [3, 2, 1]


def test_an_error_in_the_child_is_raised_in_the_caller():
    with ChildProcess("flows.ingest") as child:
        with pytest.raises(ValueError, match="invalid literal"):
            child.call(int, "not a number")
        assert child.call(int, "7") == 7  # the process survives a failed call


def test_the_process_is_gone_once_closed():
    with ChildProcess("flows.ingest") as child:
        pid = child.call(os.getpid)
    with pytest.raises(ProcessLookupError):
        os.kill(pid, 0)
