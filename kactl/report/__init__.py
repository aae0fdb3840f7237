"""The monthly and weekly report: scorecard, trend, lead channels, pipeline, visit work, what to
do next and data quality, as a self-contained HTML page and an XLSX companion.

`kactl.report.run.run` makes and writes a report; `kactl.report.build.build` returns it as data
(`kactl.report.model.Report`) for the writers in `html` and `xlsx`. One module per section
lives in `kactl.report.sections`.
"""
