"""The example topology files of ``tests/data`` and registries of them."""

from pathlib import Path

from amphora_sets import Amphora, load_registry

DATA = Path(__file__).parent / "data"
L3_FILE = DATA / "active_active_l3.toml"
N_PLUS_1_FILE = DATA / "active_active_n_plus_1.toml"
BACK_NOT_FRONT_FILE = DATA / "back_not_front.toml"

EXAMPLES = load_registry(N_PLUS_1_FILE, base=load_registry(L3_FILE))
"""The built-in topologies plus ACTIVE_ACTIVE_L3 and ACTIVE_ACTIVE_N_PLUS_1.

Every topology here is sound: all the set invariants hold for it.
"""

BACK_NOT_FRONT = load_registry(BACK_NOT_FRONT_FILE)
"""The built-in topologies plus the deliberately wrong BACK_NOT_FRONT."""


def ids(amphorae: tuple[Amphora, ...]) -> list[str]:
    """The ids of ``amphorae``, in order."""
    return [amphora.id for amphora in amphorae]
