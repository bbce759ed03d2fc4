"""Plone side of signing: the register counter, keys, signing, effects, REST glue.

The work itself (XML, XAdES, verification) lives in ``signing/``, which knows
nothing of Plone; this package turns content objects into its plain values and
stores what it returns.
"""

from AccessControl import ModuleSecurityInfo


# The family-file and decision workflows ask this module, from a guard
# expression, whether a signed decision is being applied right now.
ModuleSecurityInfo("mgops.caseflow.signing.effects").declarePublic(
    "applying_signed_decision"
)
