"""Every odd or hostile input gets a result or one clear line and exit 2, never a traceback."""

from __future__ import annotations

import json
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kactl.cli.app import app
from tests.conftest import REPO, SAMPLE

CORPUS = REPO.parent / "shared" / "corpus"
runner = CliRunner()

# One child process runs validate over the whole corpus, so a native abort in a reader would
# fail this test instead of killing pytest.
SWEEP = r"""
import json, sys
from pathlib import Path
from typer.testing import CliRunner
from kactl.cli.app import app
runner = CliRunner()
out = {}
for path in sorted(Path(sys.argv[1]).iterdir()):
    if path.name == "INDEX.txt":
        continue
    r = runner.invoke(app, ["validate", str(path), "--format", "json"])
    failed = r.exception is not None and not isinstance(r.exception, SystemExit)
    out[path.name] = {"code": r.exit_code, "stderr": r.stderr,
                      "exception": repr(r.exception) if failed else None}
print(json.dumps(out))
"""


@pytest.mark.skipif(not CORPUS.is_dir(), reason="the shared corpus is not beside this checkout")
def test_every_corpus_file_gets_a_clean_answer() -> None:
    done = subprocess.run(
        [sys.executable, "-c", SWEEP, str(CORPUS)],
        capture_output=True,
        text=True,
        cwd=REPO,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    results = json.loads(done.stdout)
    assert len(results) >= 40
    for name, r in results.items():
        assert r["exception"] is None, (name, r)
        assert r["code"] in (0, 1, 2), (name, r)
        if r["code"] == 2:
            lines = r["stderr"].strip().splitlines()
            assert len(lines) == 1 and name in lines[0], (name, r)
            assert "Traceback" not in r["stderr"]


def hostile_files(tmp_path: Path) -> dict[str, Path]:
    files = {}
    files["missing"] = tmp_path / "nope.xlsx"
    files["directory"] = tmp_path / "folder.xlsx"
    files["directory"].mkdir()
    files["empty"] = tmp_path / "empty.xlsx"
    files["empty"].write_bytes(b"")
    files["random"] = tmp_path / "random.xlsx"
    files["random"].write_bytes(bytes(range(256)) * 8)
    files["truncated"] = tmp_path / "truncated.xlsx"
    files["truncated"].write_bytes(SAMPLE.read_bytes()[:20000])
    files["csv"] = tmp_path / "客户.xlsx"
    files["csv"].write_text("大客户名称,行业\n东海电力,电力\n", encoding="utf-8")
    files["text"] = tmp_path / "notes.xls"
    files["text"].write_text("这不是工作簿\n", encoding="utf-8")
    files["docx"] = tmp_path / "letter.xlsx"
    with zipfile.ZipFile(files["docx"], "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", "<document/>")
    return files


@pytest.mark.parametrize(
    "kind", ["missing", "directory", "empty", "random", "truncated", "csv", "text", "docx"]
)
def test_bad_input_is_exit_2_with_one_line(tmp_path: Path, kind: str) -> None:
    path = hostile_files(tmp_path)[kind]
    result = runner.invoke(app, ["validate", str(path)])
    assert result.exit_code == 2, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and path.name in lines[0], result.stderr
    assert result.exception is None or isinstance(result.exception, SystemExit)


def test_debug_shows_the_traceback(tmp_path: Path) -> None:
    path = hostile_files(tmp_path)["random"]
    result = runner.invoke(app, ["--debug", "validate", str(path)])
    assert result.exit_code == 2 and "Traceback" in result.stderr


@pytest.mark.skipif(not CORPUS.is_dir(), reason="the shared corpus is not beside this checkout")
def test_encrypted_workbook_says_so() -> None:
    result = runner.invoke(app, ["validate", str(CORPUS / "calamine__pass_protected.xlsx")])
    assert result.exit_code == 2 and "加密" in result.stderr
    english = runner.invoke(
        app, ["validate", str(CORPUS / "pycalamine__password.xls"), "--lang", "en"]
    )
    assert english.exit_code == 2 and "encrypted" in english.stderr


def test_scan_results_as_json_even_for_a_sheetless_workbook(tmp_path: Path) -> None:
    from tests.conftest import write_workbook

    path = write_workbook(tmp_path / "other.xlsx", {"Sheet1": [["a", "b"], [1, 2]]})
    result = runner.invoke(app, ["validate", str(path), "--format", "json"])
    assert result.exit_code == 1
    assert [f["code"] for f in json.loads(result.stdout)["findings"]] == ["no-sheets"]


def test_entity_expansion_and_zip_bomb_are_exit_2_with_one_line(tmp_path: Path) -> None:
    from tests.io.io_helpers import bomb, members_of, replace_sheet_xml, sheet_xml, write_zip

    laughs = b"".join(
        b'<!ENTITY l%d "%s">' % (i, b"&l%d;" % (i - 1) * 10 if i else b"ha") for i in range(9)
    )
    xml = (
        b'<?xml version="1.0"?><!DOCTYPE worksheet ['
        + laughs
        + b"]>"
        + sheet_xml(b'<row r="1"><c r="A1" t="inlineStr"><is><t>&l8;</t></is></c></row>').split(
            b"?>", 1
        )[1]
    )
    entity = replace_sheet_xml(SAMPLE, tmp_path / "laughs.xlsx", xml)
    # 600 MB of white space inside the first sheet, in a file of a few MB: beyond the 512 MB limit.
    head = sheet_xml(b"").split(b"<sheetData>")[0] + b"<sheetData>"
    huge = bomb("xl/worksheets/sheet1.xml", head, b" " * 2**20, 600, b"</sheetData></worksheet>")
    zip_bomb = write_zip(
        tmp_path / "bomb.xlsx", members_of(SAMPLE, {"xl/worksheets/sheet1.xml": huge})
    )
    for path, cause in ((entity, "DOCTYPE"), (zip_bomb, "512")):
        result = runner.invoke(app, ["validate", str(path)])
        assert result.exit_code == 2, result.output
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1 and path.name in lines[0] and cause in lines[0], result.stderr
