"""``python -m amphora_sets``: the ``amphora-sets`` command."""

from amphora_sets.cli import main

raise SystemExit(main())
