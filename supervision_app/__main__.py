import sys

from supervision_app.cli import main

sys.exit(main())
