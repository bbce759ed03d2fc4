"""Registry settings of signing (Site Setup → Configuration Registry)."""

from zope import schema
from zope.interface import Interface

from mgops.caseflow import _


DEFAULT_REGISTER_PATTERN = "AR.4010.{n}.{year}"
DEFAULT_SIGNER_POST = "Kierownik Miejsko-Gminnego Ośrodka Pomocy Społecznej"
PREFIX = "mgops.caseflow"


class ISigningSettings(Interface):
    """Stored under the ``mgops.caseflow.`` prefix, beside ``ICaseflowSettings``."""

    register_pattern = schema.TextLine(
        title=_("label_register_pattern", default="Register number pattern"),
        description=_(
            "help_register_pattern",
            default="{n} is the number of the decision in the year, {year} the "
            "year, e.g. AR.4010.{n}.{year}.",
        ),
        default=DEFAULT_REGISTER_PATTERN,
    )
    signer_post = schema.TextLine(
        title=_("label_signer_post", default="Post of the signing head"),
        default=DEFAULT_SIGNER_POST,
    )
    trusted_ca_certificates = schema.List(
        title=_("label_trusted_ca_certificates", default="Trusted CA certificates"),
        description=_(
            "help_trusted_ca_certificates",
            default="One PEM certificate per entry: the certification authorities "
            "whose certificates may sign decisions.",
        ),
        value_type=schema.Text(),
        required=False,
        default=[],
    )
