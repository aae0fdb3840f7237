"""Each dealership's rank among the region's: by composite score and by every KPI's actual.

Rank 1 is the best: the highest score or actual, or the lowest for a lower-is-better KPI
(churn_rate, budget_variance). Ties share a rank and the next rank is skipped (1, 2, 2, 4); a
dealership without a figure has no rank.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Sequence

from kactl.rollup import cards
from kactl.rollup.cards import Summary
from kactl.schema import KPIS


def add_ranks(summaries: list[Summary]) -> None:
    """Set every summary's `ranks`: {"score": rank, code: rank, …}."""
    by_score = competition_ranks([cards.score(s) for s in summaries], descending=True)
    per_kpi = {code: competition_ranks([cards.figure(s, code) for s in summaries],
                                       descending=not KPIS[code].lower_is_better)
               for code in cards.codes(summaries)}
    for index, summary in enumerate(summaries):
        summary["ranks"] = {"score": by_score[index],
                            **{code: ranks[index] for code, ranks in per_kpi.items()}}


def competition_ranks(values: Sequence[float | None], *, descending: bool) -> list[int | None]:
    """Return each value's rank: 1 + how many values are strictly better; None for None."""
    known = sorted(v for v in values if v is not None)
    out: list[int | None] = []
    for value in values:
        if value is None:
            out.append(None)
        elif descending:
            out.append(1 + len(known) - bisect_right(known, value))
        else:
            out.append(1 + bisect_left(known, value))
    return out
