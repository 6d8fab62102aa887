"""PyInstaller entry point of the `dafu-desktop` app."""
import sys

from dafu.gui.app import main

sys.exit(main())
