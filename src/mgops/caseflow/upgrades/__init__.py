"""Upgrade steps: one folder per profile version after 1000."""
