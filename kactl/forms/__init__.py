"""The handbook's visit forms: templates, filling them by label, reading them back, logging them.

`labels` declares every field of both forms once; `locate` finds them by label in any sheet;
`templates` draws the two forms; `fill` and `read` write and read values by label; `prefill`
and `new` make prefilled forms; `check` validates a filled form with the workbook's rules;
`logs` writes forms as log rows and `rewrite` decides whether a workbook may be rewritten.
"""
