"""``python -m expansion_tracker``: the command line."""

from .cli import main

raise SystemExit(main())
