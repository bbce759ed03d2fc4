"""Decision XML, XAdES signing and verification, the register number.

Plain data and bytes only: no Plone imports, so it is tested in milliseconds and
the Plone layer stays a thin adapter around it.
"""
