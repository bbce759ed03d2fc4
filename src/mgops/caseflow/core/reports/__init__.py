"""Reports the centre owes, computed from the files' legal facts (pure, no Plone).

``records`` holds the plain facts a report reads, ``queries`` the named queries
a definition's rows call, ``definitions`` loads a definition (YAML, one file per
edition of a form) and builds the report, ``settlement`` computes the
"Asystent rodziny" programme's monthly settlement, ``series`` the figures over
time the charts draw.
"""
