"""Audit trail: who read or changed what, when, from where (tamper-evident)."""
