"""Write the two form templates, 走访准备表.xlsx and 走访记录表.xlsx.

    python -m kactl.forms.build_templates [DIR]   # default: templates/ of the repository

A dealership copies them into its own templates_dir (kactl.toml) and restyles or moves things
as it likes: kactl finds each field by its label text.
"""

from __future__ import annotations

import sys
from pathlib import Path

from kactl.forms.labels import FORMS
from kactl.forms.templates import FILE_NAMES, build
from kactl.resources import templates_dir

DEFAULT_DIR = templates_dir()


def write_templates(directory: Path) -> list[Path]:
    """Write both templates into `directory` (replacing older ones); return their paths."""
    from kactl.io.write import atomic_output

    directory.mkdir(parents=True, exist_ok=True)
    written = []
    for key, spec in FORMS.items():
        path = directory / FILE_NAMES[key]
        with atomic_output(path, overwrite=True) as tmp:
            build(spec).save(tmp)
        written.append(path)
    return written


def main(argv: list[str] | None = None) -> None:
    args = sys.argv[1:] if argv is None else argv
    for path in write_templates(Path(args[0]) if args else DEFAULT_DIR):
        print(path)


if __name__ == "__main__":
    main()
