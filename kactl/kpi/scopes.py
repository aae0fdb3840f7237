"""The scopes a scorecard reports on: the dealership, groups, pairs, consultants and outlets.

Groups (小组) and pairs (工作小组) come from the 人员 sheet; a KPI for either is computed over
the union of its people's rows, so a customer two members visited counts once. Without a 人员
sheet there are no groups or pairs, and the consultants are the people the logs name.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from kactl import lang
from kactl.kpi.frames import Frames
from kactl.schema import VOCABULARIES

KINDS = ("dealer", "group", "pair", "consultant", "outlet")
PEOPLE_KINDS = ("group", "pair", "consultant")
# 人员 roles that are not scored as consultants: the general manager sets targets, not sales.
_NOT_CONSULTANT = frozenset({"总经理"})

# The 范围 words of the targets sheet.
TARGET_SCOPE = {"全店": "dealer", "小组": "group", "工作小组": "pair", "顾问": "consultant",
                "二级网点": "outlet"}
SCOPE_WORD = {kind: word for word, kind in TARGET_SCOPE.items()}


@dataclass(frozen=True)
class Scopes:
    """Every scope of one workbook, and which group, pair or consultant each person is in."""

    dealer: str
    names: dict[str, list[str]]  # kind → scope names, in display order
    members: dict[str, dict[str, str]] = field(default_factory=dict)  # kind → person → scope

    def of(self, kinds: tuple[str, ...]) -> list[tuple[str, str]]:
        """Return (kind, name) of every scope of the given kinds, in display order."""
        return [(kind, name) for kind in KINDS if kind in kinds for name in self.names[kind]]

    def label(self, kind: str, name: str) -> str:
        return self.dealer if kind == "dealer" else name


def build(frames: Frames) -> Scopes:
    """Return the scopes of a workbook from its 人员 sheet, logs and deliveries' outlets."""
    dealer = frames.config.dealer or lang.pick("全店", "dealership")
    outlets = _outlets(frames)
    if frames.staff is None:
        consultants = _people_named(frames)
        return Scopes(dealer, {"dealer": [dealer], "group": [], "pair": [],
                               "consultant": consultants, "outlet": outlets},
                      {"group": {}, "pair": {}, "consultant": {p: p for p in consultants}})
    staff = frames.staff[~frames.staff["role"].isin(_NOT_CONSULTANT)]
    group_order = VOCABULARIES["group"].values
    groups = [g for g in group_order if g in set(staff["group"])]
    pairs = list(dict.fromkeys(p for p in staff["pair"] if p))
    members = {
        "group": _mapping(staff, "group"), "pair": _mapping(staff, "pair"),
        "consultant": dict(zip(staff["name"], staff["name"], strict=True)),
    }
    return Scopes(dealer, {"dealer": [dealer], "group": groups, "pair": pairs,
                           "consultant": list(staff["name"]), "outlet": outlets}, members)


def _mapping(staff: pd.DataFrame, column: str) -> dict[str, str]:
    named = staff[staff[column] != ""]
    return dict(zip(named["name"], named[column], strict=True))


def _outlets(frames: Frames) -> list[str]:
    if frames.deliveries is None:
        return []
    return sorted(set(frames.deliveries["outlet"]) - {""})


def _people_named(frames: Frames) -> list[str]:
    """Return everyone the logs attribute something to, for a workbook without 人员."""
    named: set[str] = set()
    for frame, column in ((frames.deliveries, "consultant"), (frames.archive, "owner"),
                          (frames.visitors, "person"), (frames.visits, "author"),
                          (frames.preps, "author")):
        if frame is not None:
            named.update(frame[column])
    return sorted(named - {""})
