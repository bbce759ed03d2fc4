"""Families already served, brought in from a spreadsheet: the pure half.

``columns`` names the sheet's Polish columns and writes the template,
``sheet`` reads an XLSX or CSV file into rows (refusing hostile files: a zip
bomb, a huge sheet, formulas, a CSV not in UTF-8), ``validation`` turns the
rows into families and lists every problem by row and column. The Plone half
(``mgops.caseflow.case_import``) gathers what the site knows (its staff, the
caseloads, the case references and register numbers taken) and writes nothing
unless the whole sheet is clean.
"""
