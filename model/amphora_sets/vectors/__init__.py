"""Conformance vectors: JSON cases for implementations in any language.

:mod:`~amphora_sets.vectors.cases` computes the cases from the reference
model, one family per file: load balancer to its three sets; (load
balancer, subset) to a selection; (old, new) to a delta; a lifecycle to
the sets after each step.  :mod:`~amphora_sets.vectors.schema` is the
JSON Schema they follow, and :mod:`~amphora_sets.vectors.files` writes
them with a README.
"""

from amphora_sets.vectors.cases import FAMILIES, FORMAT, family_document
from amphora_sets.vectors.files import write_vectors
from amphora_sets.vectors.schema import SCHEMA

__all__ = ["FAMILIES", "FORMAT", "SCHEMA", "family_document", "write_vectors"]
