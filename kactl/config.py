"""kactl.toml: which workbooks, the dealership's name, extra models and aliases, KPI settings.

Every command works without a config file; the defaults are SPEC.md's. A malformed file is a
UsageError (exit 2) that names the line and the key.
"""

from __future__ import annotations

import datetime as dt
import re
import tomllib
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from kactl.errors import UsageError
from kactl.io.limits import Limits
from kactl.schema import MODELS, VOCABULARIES, Vocabulary

CONFIG_NAME = "kactl.toml"

# Months of purchase each grade promises, counted from the archive's 维护日期 (None: any time).
DEFAULT_GRADE_MONTHS: dict[str, int | None] = {
    "A级客户": 1, "B级客户": 3, "C级客户": 6, "D级客户": None,
}  # fmt: skip


@dataclass(frozen=True)
class Config:
    """Settings in force, from kactl.toml or the defaults."""

    path: Path | None = None
    workbooks: tuple[Path, ...] = ()
    dealer: str | None = None
    models: tuple[str, ...] = MODELS
    aliases: dict[str, dict[str, str]] = field(default_factory=dict)
    grade_months: dict[str, int | None] = field(default_factory=lambda: dict(DEFAULT_GRADE_MONTHS))
    grade_slack_months: int = 1
    timeliness_days: int = 2
    score_cap: float = 1.2
    weights: dict[str, float] = field(default_factory=dict)
    seasonal: tuple[float, ...] | None = None
    templates_dir: Path | None = None
    limits: Limits = field(default_factory=Limits)
    today: dt.date | None = None  # fixed clock for tests and reproducible runs

    def vocabulary(self, key: str) -> Vocabulary:
        """Return a vocabulary with this dealership's aliases added."""
        vocab = VOCABULARIES[key]
        extra = self.aliases.get(key)
        return replace(vocab, aliases={**vocab.aliases, **extra}) if extra else vocab

    def clock(self) -> dt.date:
        return self.today or dt.date.today()


def _line_of(source: str, key: str) -> int | None:
    for number, line in enumerate(source.splitlines(), 1):
        if re.match(rf"\s*{re.escape(key)}\s*=", line):
            return number
    return None


def _bad(path: Path, source: str, key: str, zh: str, en: str) -> UsageError:
    line = _line_of(source, key.rsplit(".", 1)[-1])
    where = f"第 {line} 行，" if line else ""
    where_en = f"line {line}, " if line else ""
    return UsageError(f"{where}键“{key}”：{zh}", f"{where_en}key {key!r}: {en}", file=path)


def _expect(path: Path, source: str, key: str, value: Any, kind: type | tuple[type, ...]) -> Any:
    if not isinstance(value, kind) or (isinstance(value, bool) and kind is not bool):
        names = kind.__name__ if isinstance(kind, type) else "/".join(k.__name__ for k in kind)
        raise _bad(
            path, source, key, f"应为 {names}，实为 {value!r}", f"expected {names}, got {value!r}"
        )
    return value


_KNOWN = {
    "workbooks",
    "workbook",
    "dealer",
    "models",
    "aliases",
    "grades",
    "kpi",
    "limits",
    "templates_dir",
    "today",
}


def load(path: Path) -> Config:
    """Return the config in `path`; UsageError naming the line and key when it is malformed."""
    try:
        source = path.read_text(encoding="utf-8-sig")
        data = tomllib.loads(source)
    except OSError as exc:
        raise UsageError(
            f"无法读取配置文件：{exc.strerror}", f"cannot read: {exc.strerror}", file=path
        ) from None
    except UnicodeDecodeError:
        raise UsageError(
            "配置文件不是 UTF-8 编码", "the config is not UTF-8 text", file=path
        ) from None
    except tomllib.TOMLDecodeError as exc:
        raise UsageError(f"配置文件格式错误：{exc}", f"malformed TOML: {exc}", file=path) from None
    for key in data:
        if key not in _KNOWN:
            raise _bad(path, source, key, "不是 kactl 认识的键", "is not a key kactl knows")
    return _build(path, source, data)


def _build(path: Path, source: str, data: dict[str, Any]) -> Config:
    base = path.parent
    cfg = Config(path=path)
    books = data.get("workbooks", data.get("workbook", []))
    books = [books] if isinstance(books, str) else _expect(path, source, "workbooks", books, list)
    paths = tuple(base / _expect(path, source, "workbooks", b, str) for b in books)
    extra_models = _expect(path, source, "models", data.get("models", []), list)
    models = tuple(dict.fromkeys([*MODELS, *(str(m) for m in extra_models)]))
    aliases = _aliases(path, source, data.get("aliases", {}))
    grades = _expect(path, source, "grades", data.get("grades", {}), dict)
    kpi = _expect(path, source, "kpi", data.get("kpi", {}), dict)
    limits = _expect(path, source, "limits", data.get("limits", {}), dict)
    templates = data.get("templates_dir")
    today = data.get("today")
    return replace(
        cfg,
        workbooks=paths,
        dealer=_expect(path, source, "dealer", data["dealer"], str) if "dealer" in data else None,
        models=models,
        aliases=aliases,
        grade_months=_grade_months(path, source, grades.get("months", {})),
        grade_slack_months=_expect(
            path, source, "grades.slack_months", grades.get("slack_months", 1), int
        ),
        timeliness_days=_expect(
            path, source, "kpi.timeliness_days", kpi.get("timeliness_days", 2), int
        ),
        score_cap=float(_expect(path, source, "kpi.cap", kpi.get("cap", 1.2), (int, float))),
        weights=_weights(path, source, kpi.get("weights", {})),
        seasonal=_seasonal(path, source, kpi.get("seasonal")),
        templates_dir=base / _expect(path, source, "templates_dir", templates, str)
        if templates is not None
        else None,
        limits=Limits(
            max_inflated_bytes=_expect(
                path, source, "limits.max_inflated_mb", limits.get("max_inflated_mb", 512), int
            )
            * 1024**2,
            max_cells=_expect(
                path, source, "limits.max_cells", limits.get("max_cells", Limits().max_cells), int
            ),
        ),
        today=_expect(path, source, "today", today, dt.date) if today is not None else None,
    )


def _aliases(path: Path, source: str, raw: Any) -> dict[str, dict[str, str]]:
    raw = _expect(path, source, "aliases", raw, dict)
    out: dict[str, dict[str, str]] = {}
    for vocab, table in raw.items():
        if vocab not in VOCABULARIES:
            raise _bad(
                path,
                source,
                f"aliases.{vocab}",
                "不是词表名，可用：" + "、".join(VOCABULARIES),
                "is not a vocabulary; known: " + ", ".join(VOCABULARIES),
            )
        table = _expect(path, source, f"aliases.{vocab}", table, dict)
        for alias, canonical in table.items():
            if canonical not in VOCABULARIES[vocab].values:
                raise _bad(
                    path,
                    source,
                    alias,
                    f"“{canonical}”不是“{vocab}”的规定选项",
                    f"{canonical!r} is not a value of {vocab}",
                )
        out[vocab] = {str(a): str(c) for a, c in table.items()}
    return out


def _grade_months(path: Path, source: str, raw: Any) -> dict[str, int | None]:
    raw = _expect(path, source, "grades.months", raw, dict)
    months = dict(DEFAULT_GRADE_MONTHS)
    for grade, value in raw.items():
        if grade not in months:
            raise _bad(
                path,
                source,
                grade,
                "不是可检查的级别（A/B/C/D级客户）",
                "is not a checked grade (A/B/C/D级客户)",
            )
        months[grade] = _expect(path, source, grade, value, int) if value != 0 else None
    return months


def _weights(path: Path, source: str, raw: Any) -> dict[str, float]:
    from kactl.schema import KPIS

    raw = _expect(path, source, "kpi.weights", raw, dict)
    for code, value in raw.items():
        if code not in KPIS:
            raise _bad(path, source, code, "不是指标代码", "is not a KPI code")
        _expect(path, source, code, value, (int, float))
    return {str(k): float(v) for k, v in raw.items()}


def _seasonal(path: Path, source: str, raw: Any) -> tuple[float, ...] | None:
    if raw is None:
        return None
    raw = _expect(path, source, "kpi.seasonal", raw, list)
    if (
        len(raw) != 12
        or not all(isinstance(v, int | float) and v >= 0 for v in raw)
        or not sum(raw)
    ):
        raise _bad(
            path,
            source,
            "seasonal",
            "应为 12 个非负数（每月权重）",
            "must be 12 non-negative numbers, one per month",
        )
    return tuple(float(v) for v in raw)


def find(explicit: Path | None, cwd: Path | None = None) -> Config:
    """Return the config named by --config, else ./kactl.toml if present, else the defaults."""
    if explicit is not None:
        if not explicit.is_file():
            raise UsageError("找不到配置文件", "config file not found", file=explicit)
        return load(explicit)
    candidate = (cwd or Path.cwd()) / CONFIG_NAME
    return load(candidate) if candidate.is_file() else Config()
