"""The report's sections, one module each; `build(src) -> Section` in every one."""
