"""Headless Chromium renders the report page to a PNG: not blank, and no console messages."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from kactl.config import Config
from kactl.report import html
from kactl.report.model import Report
from tests.conftest import require_tool
from tests.report.png import colours

# Chromium writes what a page logs as `…:CONSOLE(line)] "message", source: …`, whatever its level.
_PAGE_PROBLEM = re.compile(r":CONSOLE|Uncaught|net::ERR_")


def _screenshot(page: Path, out: Path, profile: Path, size: str = "1200,2000") -> str:
    """Render a page to a PNG with headless Chromium; return what Chromium logged."""
    chromium = require_tool("chromium")
    done = subprocess.run(
        [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
         "--no-first-run", "--disable-background-networking", "--disable-component-update",
         "--disable-sync", f"--user-data-dir={profile}", f"--screenshot={out}",
         f"--window-size={size}", "--enable-logging=stderr", "--v=0", page.as_uri()],
        capture_output=True, text=True, errors="replace", timeout=180, check=False,
    )
    return done.stderr


def page_problems(log: str) -> list[str]:
    return [line for line in log.splitlines() if _PAGE_PROBLEM.search(line)]


@pytest.mark.chromium
def test_report_renders_to_a_picture(tmp_path: Path, may_report: Report) -> None:
    page = tmp_path / "kactl-report-2008-05.html"
    page.write_text(html.render(may_report, Config()), encoding="utf-8")
    shot = tmp_path / "report.png"
    log = _screenshot(page, shot, tmp_path / "profile")
    assert shot.exists(), log
    distinct, coloured = colours(shot)
    assert distinct >= 50, "the screenshot has too few colours: blank or unstyled"
    assert coloured >= 0.02, "the screenshot is almost all white"
    assert page_problems(log) == []


@pytest.mark.chromium
def test_console_messages_are_caught(tmp_path: Path) -> None:
    """The check above would see a page that logs: a page that does so is caught."""
    page = tmp_path / "noisy.html"
    page.write_text('<!DOCTYPE html><p>x</p><script>console.error("boom")</script>', "utf-8")
    log = _screenshot(page, tmp_path / "noisy.png", tmp_path / "profile", "400,300")
    assert any("boom" in line for line in page_problems(log))


@pytest.mark.parametrize("text", ["", "plain log line without the marker"])
def test_quiet_logs_pass(text: str) -> None:
    assert page_problems(text) == []
