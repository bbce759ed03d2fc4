"""Upgrade steps, one folder per profile version; ``moved`` keeps old class paths."""

from mgops.caseflow.upgrades.moved import install_aliases


install_aliases()
