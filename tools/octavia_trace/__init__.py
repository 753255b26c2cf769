"""Trace checking: Octavia's real v2 flows against the model's sets.

:mod:`octavia_trace.child` runs Octavia's controller-worker flows in one
process on its noop drivers and a throwaway SQLite database, and records
every driver call.  The checks hold each call against the model's
selection for the call site the audit maps it to.
"""
