"""The command-line layer: one small module per command over the library."""
