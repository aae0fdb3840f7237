"""The output folder's lock: exclusive, waits with a timeout, and clears a dead run's lock."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from kactl.errors import OutputError
from kactl.report.lock import LOCK_NAME, OutputLock, pid_alive


def _dead_pid() -> int:
    """Return the pid of a process that has just ended."""
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def test_lock_holds_our_pid_and_goes_away(tmp_path: Path) -> None:
    with OutputLock(tmp_path):
        assert (tmp_path / LOCK_NAME).read_text().strip() == str(os.getpid())
    assert not (tmp_path / LOCK_NAME).exists()


def test_a_held_lock_makes_others_wait_then_give_up(tmp_path: Path) -> None:
    with OutputLock(tmp_path), pytest.raises(OutputError, match="locked by another run"):
        OutputLock(tmp_path, timeout=0.3).acquire()


def test_a_waiter_gets_the_lock_once_released(tmp_path: Path) -> None:
    first = OutputLock(tmp_path)
    first.acquire()
    timer = threading.Timer(0.3, first.release)
    timer.start()
    started = time.monotonic()
    with OutputLock(tmp_path, timeout=10):
        assert time.monotonic() - started >= 0.25
    timer.join()


def test_a_dead_runs_lock_is_removed(tmp_path: Path) -> None:
    pid = _dead_pid()
    assert not pid_alive(pid)
    (tmp_path / LOCK_NAME).write_text(f"{pid}\n")
    with OutputLock(tmp_path, timeout=2):
        assert (tmp_path / LOCK_NAME).read_text().strip() == str(os.getpid())
    assert not (tmp_path / f"{LOCK_NAME}.break").exists()


def test_an_empty_lock_is_stale_only_once_old(tmp_path: Path) -> None:
    lock = tmp_path / LOCK_NAME
    lock.write_text("")
    with pytest.raises(OutputError):
        OutputLock(tmp_path, timeout=0.3).acquire()  # just created: its writer may be mid-way
    old = time.time() - 60
    os.utime(lock, (old, old))
    with OutputLock(tmp_path, timeout=2):
        assert lock.read_text().strip() == str(os.getpid())


def test_release_leaves_someone_elses_lock(tmp_path: Path) -> None:
    lock = OutputLock(tmp_path)
    lock.acquire()
    (tmp_path / LOCK_NAME).write_text("1\n")  # replaced behind our back
    lock.release()
    assert (tmp_path / LOCK_NAME).exists()
