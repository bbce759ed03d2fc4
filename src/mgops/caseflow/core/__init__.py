"""The pure core: the process rules, signing and the archival package as plain data.

Nothing here imports Plone, Zope, the ZODB, ``transaction`` or ``AccessControl``
(an import-linter contract in ``pyproject.toml`` holds it so): values in, values
out, tests in milliseconds. Its Plone half lives beside it under the same name
(``core/signing`` ↔ ``signing/``, ``core/archive`` ↔ ``archive/``,
``core/audit`` ↔ ``audit/``; the rules' Plone half is ``workflow/`` and
``content/``).
"""
