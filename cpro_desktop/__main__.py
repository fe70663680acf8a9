"""`python -m cpro_desktop`: the same as the `cpro-desktop` command."""

import sys

from cpro_desktop.cli import main

sys.exit(main())
