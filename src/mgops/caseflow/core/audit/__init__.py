"""The audit trail as a file: an append-only, hash-chained JSON-lines log."""
