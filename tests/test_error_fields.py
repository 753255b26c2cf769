"""AmphoraSetsError: its fields, and the one-line message naming them."""

from __future__ import annotations

import pytest

from amphora_sets import AmphoraSetsError


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({}, "field 'status': unknown"),
        ({"amphora_id": "a"}, "amphora 'a', field 'status': unknown"),
        ({"amphora_id": ""}, "amphora '', field 'status': unknown"),
        ({"source": "lb.toml"}, "lb.toml, field 'status': unknown"),
        (
            {"source": "lb.toml", "amphora_id": "a"},
            "lb.toml, amphora 'a', field 'status': unknown",
        ),
        ({"source": ""}, "field 'status': unknown"),
    ],
    ids=repr,
)
def test_the_message_names_source_amphora_and_field(kwargs, message):
    error = AmphoraSetsError("status", "unknown", **kwargs)
    assert str(error) == message
    assert isinstance(error, ValueError)
    assert (error.field, error.problem) == ("status", "unknown")
    assert error.amphora_id == kwargs.get("amphora_id")
    assert error.source == kwargs.get("source")
