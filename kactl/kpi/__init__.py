"""The KPI scorecard of SPEC §5: periods, scopes, targets, actuals and the scorecard itself.

`kactl.kpi.scorecard.compute` is the entry point; the submodules are small and named after what
they hold. Only `periods` is light enough for the CLI to import at start-up: the others use pandas.
"""
