"""Reading workbooks of any supported format behind size and safety guards; writing atomically.

Import from the submodules (kactl.io.read, kactl.io.write, ...): this package imports nothing,
so that `kactl --help` does not load python-calamine or openpyxl.
"""
