"""Deployment tools: instance configuration, PostgreSQL, cluster, migration, backup.

Not part of the add-on that Zope loads: these write configuration and run
processes. They import of the add-on only ``cli.site`` (the i18n environment a
Zope process needs), and nothing of the add-on imports them.
"""
