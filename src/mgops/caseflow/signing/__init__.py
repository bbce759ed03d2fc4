"""Plone side of signing: keys, signing, effects, the register and its numbers.

The work itself (XML, XAdES, verification) lives in ``core/signing``, which knows
nothing of Plone; this package turns content objects into its plain values and
stores what it returns. Each operation is a plain function here, called alike by
the REST services and the views.
"""

from AccessControl import ModuleSecurityInfo


# The family-file and decision workflows ask this module, from a guard
# expression, whether a signed decision is being applied right now.
ModuleSecurityInfo("mgops.caseflow.signing.effects").declarePublic(
    "applying_signed_decision"
)
