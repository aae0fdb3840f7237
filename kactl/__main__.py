"""`python -m kactl` runs the command line."""

from kactl.cli.app import main

main()
