"""``python -m warmonitor`` is the ``warmonitor`` command."""
import sys

from warmonitor.cli import main

sys.exit(main())
