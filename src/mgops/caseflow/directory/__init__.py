"""Staff log in with the centre's directory (LDAP/Active Directory) via pas.plugins.ldap."""

import logging


class QuietFailedUnbind(logging.Filter):
    """node.ext.ldap's connector logs a traceback when it is finalized after a
    failed bind (the directory was down). Formatting a traceback parses source
    in Python 3.11 (the ``^^^`` marks); when the garbage collector finalizes the
    connector inside another ``compile()`` (a template, an import), that nested
    parse trips CPython 3.11's AST recursion check (gh-106905) and the outer
    compile fails with "AST constructor recursion depth mismatch". The record
    stays, without its traceback."""

    def filter(self, record):
        if record.msg == "Unbind not successful.":
            record.exc_info = None
            record.exc_text = None
        return True


logging.getLogger("node.ext.ldap").addFilter(QuietFailedUnbind())
