"""Sphinx configuration for the amphora-sets documentation."""

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
# The checkout's model comes first, so the pages describe this tree even
# where an older amphora_sets is installed; _ext holds the directives.
sys.path[:0] = [str(HERE.parent.parent / "model"), str(HERE / "_ext")]

import amphora_sets  # noqa: E402

project = "amphora-sets"
author = "amphora-sets contributors"
copyright = "amphora-sets contributors; Apache License 2.0"
release = amphora_sets.__version__
version = release

extensions = [
    "sphinx.ext.autodoc",
    "amphora_sets_tables",
]

exclude_patterns: list[str] = []
highlight_language = "none"

autodoc_typehints = "signature"
autodoc_member_order = "bysource"
# Show defaults as the source spells them (BUILTIN_REGISTRY), not the repr.
autodoc_preserve_defaults = True

html_theme = "alabaster"
html_title = f"amphora-sets {release}"
html_theme_options = {"fixed_sidebar": True}
