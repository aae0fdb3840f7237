"""Where kactl's own files are: the form workbooks and report templates in `templates/`."""

from __future__ import annotations

import sys
from pathlib import Path


def templates_dir() -> Path:
    """Return the templates folder: the checkout's, else the copy a normal install puts in
    <prefix>/share/kactl/templates (pyproject's data-files)."""
    checkout = Path(__file__).resolve().parent.parent / "templates"
    if checkout.is_dir():
        return checkout
    return Path(sys.prefix) / "share" / "kactl" / "templates"
