"""``python -m analytics``: run the command line (analytics.cli) and exit with its code."""

import sys

from analytics.cli import main

sys.exit(main())
