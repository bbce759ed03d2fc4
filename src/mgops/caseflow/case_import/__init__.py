"""Families already served brought in from a spreadsheet: the Plone half
(``importer``); the sheet and its checks are pure (``core.case_import``)."""
