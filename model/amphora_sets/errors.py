"""The one exception type raised for bad input."""

from __future__ import annotations


class AmphoraSetsError(ValueError):
    """Bad input: a malformed load balancer, amphora or topology file.

    ``field`` names the offending field or TOML key; ``amphora_id`` names
    the amphora when there is one.  ``str()`` gives a one-line message that
    names both, fit for a command-line error.
    """

    def __init__(
        self,
        field: str,
        problem: str,
        *,
        amphora_id: str | None = None,
        source: str | None = None,
    ) -> None:
        self.field = field
        self.problem = problem
        self.amphora_id = amphora_id
        self.source = source
        where = [source] if source else []
        if amphora_id is not None:
            where.append(f"amphora {amphora_id!r}")
        where.append(f"field {field!r}")
        super().__init__(f"{', '.join(where)}: {problem}")
