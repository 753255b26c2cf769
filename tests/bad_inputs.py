"""The bad-input table: every way a careless or hostile user can call the
command wrongly, one line per case.

Each case must end in exit status 2 and one line on standard error that
names what was wrong.  The malformed-file cases of
``test_topology_file.MALFORMED`` run through the command as well.
"""

from __future__ import annotations

HEAD = "[topologies.T]\n"
ROLE = 'roles.R = { sets = ["front", "back"], min = 1 }\n'


def _roles(count: int) -> str:
    return "".join(
        f'roles.R{i} = {{ sets = ["front"] }}\n' for i in range(count)
    )


def _topologies(count: int) -> str:
    return "".join(f"[topologies.T{i}]\n{ROLE}" for i in range(count))


# (case id, TOML text, the key the error names, a fragment of the problem)
TOPOLOGY_FILES = [
    (
        "nested-arrays-500",
        HEAD + "roles.R = { sets = " + "[" * 500 + "] }\n",
        "topology-file",
        "nested more than 10",
    ),
    (
        "nested-tables-500",
        HEAD + "roles.R = " + "{ a = " * 500 + "1" + " }" * 500 + "\n",
        "topology-file",
        "nested more than 10",
    ),
    (
        "nested-11",
        HEAD + "x = " + "[" * 11 + "]" * 11 + "\n",
        "topology-file",
        "nested more than 10",
    ),
    (
        "dotted-key-5000",
        "a" + ".a" * 5000 + " = 1\n",
        "topology-file",
        "more than 16 dots",
    ),
    (
        "dotted-header-5000",
        "[a" + ".a" * 5000 + "]\n",
        "topology-file",
        "more than 16 dots",
    ),
    (
        "roles-257",
        HEAD + _roles(257),
        "topologies.T.roles",
        "more than the limit of 256",
    ),
    (
        "topologies-33",
        _topologies(33),
        "topologies",
        "more than the limit of 32",
    ),
    (
        "topologies-30-plus-builtins",
        _topologies(30),
        "topologies",
        "more than the limit of 32",
    ),
    (
        "role-named-deleted",
        HEAD + 'roles.DELETED = { sets = ["front"] }\n',
        "topologies.T.roles.DELETED",
        "amphora status",
    ),
    (
        "role-named-allocated",
        HEAD + 'roles.ALLOCATED = { sets = ["front"] }\n',
        "topologies.T.roles.ALLOCATED",
        "amphora status",
    ),
    (
        "osc-in-description",
        HEAD + ROLE + 'description = "\\u001b]0;pwned\\u0007"\n',
        "topologies.T.description",
        "control character",
    ),
    (
        "csi-in-description",
        HEAD + ROLE + 'description = "red \\u009b31m"\n',
        "topologies.T.description",
        "control character",
    ),
    (
        "bidi-in-description",
        HEAD + ROLE + 'description = "abc \\u202e cba"\n',
        "topologies.T.description",
        "control character",
    ),
    (
        "escape-in-role-name",
        HEAD + '"roles"."R\\u001b" = { sets = [] }\n',
        "topologies.T.roles.R\x1b",
        "upper-case identifier",
    ),
    (
        "escape-in-topology-name",
        '[topologies."T\\u001b[2J"]\n' + ROLE,
        "topologies.T\x1b[2J",
        "upper-case identifier",
    ),
    (
        "min-1001",
        HEAD + 'roles.R = { sets = ["front"], min = 1001 }\n',
        "topologies.T.roles.R.min",
        "from 0 to 1000",
    ),
    (
        "max-1001",
        HEAD + 'roles.R = { sets = ["front"], max = 1001 }\n',
        "topologies.T.roles.R.max",
        "from 0 to 1000",
    ),
    (
        "integer-5000-digits",
        HEAD + "roles.R = { sets = [], min = " + "9" * 5000 + " }\n",
        "topology-file",
        "invalid TOML",
    ),
    (
        "min-infinite",
        HEAD + "roles.R = { sets = [], min = inf }\n",
        "topologies.T.roles.R.min",
        "whole number",
    ),
    (
        "raw-escape-byte",
        HEAD + ROLE + 'description = "\x1b[2J"\n',
        "topology-file",
        "invalid TOML",
    ),
    ("nul-byte", HEAD + ROLE + "\x00\n", "topology-file", "invalid TOML"),
    (
        "unterminated-string",
        HEAD + 'description = "' + "[" * 100 + "\n",
        "topology-file",
        "invalid TOML",
    ),
]

# (case id, argv after the command name, a fragment of the error line)
ARGV = [
    ("no-subcommand", [], "required"),
    ("unknown-subcommand", ["prove"], "invalid choice"),
    ("unknown-topology", ["show", "NOPE"], "unknown topology 'NOPE'"),
    (
        "escape-in-topology-argument",
        ["show", "\x1b]0;pwned\x07"],
        "\\x1b]0;pwned\\x07",
    ),
    ("bad-format", ["show", "--format", "yaml"], "invalid choice"),
    ("bad-format-before", ["--format", "yaml", "show"], "invalid choice"),
    (
        "two-topologies",
        ["show", "SINGLE", "ACTIVE_STANDBY"],
        "unrecognized arguments",
    ),
    (
        "missing-file",
        ["show", "--topology-file", "/nonexistent/t.toml"],
        "cannot read",
    ),
    (
        "missing-file-before",
        ["--topology-file", "/nonexistent/t.toml", "show"],
        "cannot read",
    ),
    ("empty-file-name", ["show", "--topology-file", ""], "must name a file"),
    (
        "dev-zero",
        ["show", "--topology-file", "/dev/zero"],
        "not a regular file (a character device)",
    ),
    (
        "dev-null",
        ["verify", "--topology-file", "/dev/null"],
        "not a regular file (a character device)",
    ),
    (
        "directory",
        ["show", "--topology-file", "/"],
        "not a regular file (a directory)",
    ),
    (
        "only-matches-nothing",
        ["verify", "--only", "NOPE-*"],
        "matches no obligation",
    ),
    ("only-empty", ["verify", "--only", ""], "matches no obligation"),
    ("rlimit-zero", ["verify", "--rlimit", "0"], "must be from 1"),
    ("rlimit-negative", ["verify", "--rlimit=-5"], "must be from 1"),
    ("rlimit-2-to-32", ["verify", "--rlimit", str(2**32)], "must be from 1"),
    ("rlimit-word", ["verify", "--rlimit", "lots"], "whole number"),
    ("rlimit-huge", ["verify", "--rlimit", "9" * 5000], "whole number"),
    (
        "statuses-for-verify",
        ["verify", "--statuses"],
        "unrecognized arguments",
    ),
    ("unknown-option", ["show", "--colour"], "unrecognized arguments"),
]
