"""Hypothesis profiles: ``ci`` (derandomized, the default) and ``dev``.

Choose one with ``HYPOTHESIS_PROFILE=dev``.  ``ci`` makes every run draw
the same examples, so a CI failure reproduces on any machine.
"""

import os

from hypothesis import settings

settings.register_profile(
    "ci", derandomize=True, deadline=None, database=None, print_blob=True
)
settings.register_profile("dev", deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))
