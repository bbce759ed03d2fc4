"""Defences against hostile and broken input, and security headers (issue 7)."""

from mgops.caseflow.hardening.limits import apply_limits


apply_limits()
