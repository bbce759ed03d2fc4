"""Old module paths of persistent classes, so databases written before 1002 load.

Profile 1002 renamed the Plone half of signing from ``decisions`` to ``signing``
(the layout of issue 12), and its counter module from ``register`` to
``numbers``. The register counters (``YearCounter``, ``DecisionNumbers``) and
the heads' keys (``SigningKeys``) are pickled with the dotted path of their
class; without these aliases such a database could not unpickle them. The 1002
upgrade step re-saves each of those objects, after which nothing refers to the
old paths any more; the aliases stay so that a backup made before the upgrade
can still be restored and upgraded.
"""

import sys

from mgops.caseflow.signing import keys
from mgops.caseflow.signing import numbers


#: old dotted module path → the module that holds its classes now
MOVED_MODULES = {
    "mgops.caseflow.decisions.register": numbers,
    "mgops.caseflow.decisions.keys": keys,
}


def install_aliases():
    for old, module in MOVED_MODULES.items():
        sys.modules.setdefault(old, module)
