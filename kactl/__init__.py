"""kactl: the key-account (大用户) department's toolkit over its Excel workbooks."""

__version__ = "0.1.0"
