"""An exclusive lock on a report's output folder, so two runs at once take turns.

The lock is a file created with O_CREAT | O_EXCL (atomic on every platform and on network
shares, unlike fcntl or msvcrt locks), holding the owner's pid. A run that finds the lock waits;
a lock whose pid no longer runs is left over from a killed run and is removed.
"""

from __future__ import annotations

import contextlib
import logging
import os
import sys
import time
from pathlib import Path
from types import TracebackType

from kactl.errors import OutputError

log = logging.getLogger(__name__)

LOCK_NAME = ".kactl-report.lock"
# A lock file still empty after this long belonged to a run killed between creating and writing it.
_EMPTY_GRACE_SECONDS = 5.0
# Breaking a stale lock takes a moment; a break marker older than this was itself left behind.
_BREAK_GRACE_SECONDS = 10.0


def pid_alive(pid: int) -> bool:
    """Tell whether a process with this pid is running on this machine."""
    if pid <= 0:
        return False
    if sys.platform == "win32":
        return _windows_pid_alive(pid)
    try:
        os.kill(pid, 0)  # signal 0 checks existence without touching the process
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # it exists, it is just someone else's
    return True


if sys.platform == "win32":
    import ctypes

    def _windows_pid_alive(pid: int) -> bool:
        # os.kill on Windows would terminate the process, so ask the kernel instead.
        kernel = ctypes.windll.kernel32
        handle = kernel.OpenProcess(0x1000, False, pid)  # PROCESS_QUERY_LIMITED_INFORMATION
        if not handle:
            return bool(kernel.GetLastError() == 5)  # ERROR_ACCESS_DENIED: it exists
        try:
            code = ctypes.c_ulong()
            kernel.GetExitCodeProcess(handle, ctypes.byref(code))
            return code.value == 259  # STILL_ACTIVE
        finally:
            kernel.CloseHandle(handle)


def _read_pid(path: Path) -> int | None:
    """Return the pid written in a lock file; None if it is gone, empty or unreadable."""
    try:
        text = path.read_text(encoding="ascii", errors="replace").strip()
    except OSError:
        return None
    return int(text) if text.isdigit() else None


def _age(path: Path) -> float:
    try:
        return time.time() - path.stat().st_mtime
    except OSError:
        return 0.0


class OutputLock:
    """Context manager holding `folder/.kactl-report.lock` while a report is written."""

    def __init__(self, folder: Path, *, timeout: float = 120.0, poll: float = 0.1) -> None:
        self.path = Path(folder) / LOCK_NAME
        self.timeout = timeout
        self.poll = poll
        self.held = False

    def __enter__(self) -> OutputLock:
        self.acquire()
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.release()

    def acquire(self) -> None:
        """Take the lock, waiting for another run to finish; OutputError after the timeout."""
        deadline = time.monotonic() + self.timeout
        while not self._try_create():
            holder = _read_pid(self.path)
            if self._stale(holder):
                self._break(holder)
                continue
            if time.monotonic() >= deadline:
                raise OutputError(
                    f"输出文件夹被另一次运行（进程 {holder}）占用，"
                    f"等待 {self.timeout:g} 秒后放弃",
                    f"the output folder is locked by another run (pid {holder}); "
                    f"gave up after {self.timeout:g} s", file=self.path)
            time.sleep(self.poll)
        self.held = True

    def release(self) -> None:
        """Remove the lock if it is still ours."""
        if self.held and _read_pid(self.path) == os.getpid():
            with contextlib.suppress(FileNotFoundError):
                self.path.unlink()
        self.held = False

    def _try_create(self) -> bool:
        try:
            fd = os.open(self.path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644)
        except FileExistsError:
            return False
        except OSError as exc:
            raise OutputError(f"无法在输出文件夹中创建锁文件：{exc.strerror}",
                              f"cannot create the lock file: {exc.strerror}",
                              file=self.path) from None
        try:
            os.write(fd, f"{os.getpid()}\n".encode("ascii"))
        finally:
            os.close(fd)
        return True

    def _stale(self, holder: int | None) -> bool:
        # Limitation: the pid is checked on this machine only; two machines writing into one
        # network folder would each take the other's lock for a dead run's.
        if holder is None:
            return self.path.exists() and _age(self.path) > _EMPTY_GRACE_SECONDS
        return not pid_alive(holder)

    def _break(self, holder: int | None) -> None:
        """Remove a stale lock, unless another run replaced it meanwhile.

        Two waiters may both find the same stale lock; a marker file taken exclusively lets
        only one of them re-check and remove it, so neither removes a lock just taken anew.
        """
        marker = self.path.with_name(self.path.name + ".break")
        try:
            fd = os.open(marker, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644)
        except FileExistsError:
            if _age(marker) > _BREAK_GRACE_SECONDS:
                with contextlib.suppress(FileNotFoundError):
                    marker.unlink()
            time.sleep(self.poll)
            return
        os.close(fd)
        try:
            if _read_pid(self.path) == holder and self._stale(holder):
                log.info("removing stale report lock %s (pid %s)", self.path, holder)
                with contextlib.suppress(FileNotFoundError):
                    self.path.unlink()
        finally:
            with contextlib.suppress(FileNotFoundError):
                marker.unlink()
