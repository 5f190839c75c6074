"""The bundled app's entry point (PyInstaller freezes this script): the supervision-app command."""

import sys

from supervision_app.cli import main

if __name__ == "__main__":
    sys.exit(main())
