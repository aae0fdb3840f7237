"""The region's roll-up: the dealership scorecard of many dealers' workbooks, side by side.

`kactl.rollup.run.rollup` finds the workbooks (`discover`), scores each dealership in a pool of
processes (`worker`, one small summary per dealership), then ranks them (`ranks`) and pools
their figures into the region's (`region`). `merge` joins roll-ups made on several machines.
The writers are `output` (JSON, CSV, table), `excel` and `html`.

This package's `__init__` and `discover` use only the standard library and kactl's light
modules; the worker imports pandas.
"""
