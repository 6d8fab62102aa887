"""PyInstaller entry point of the `dafu` command line."""
from dafu.cli import main

main()
