"""`python -m desktop_app` is the same program as the `key-projects` script."""

import sys

from desktop_app.cli import main

sys.exit(main())
