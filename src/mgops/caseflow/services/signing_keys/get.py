"""GET @signing-keys: the current head's certificates and keystore, the trust list."""

from plone import api
from plone.restapi.services import Service

from mgops.caseflow.signing.keys import keys_of


class SigningKeysGet(Service):
    def reply(self):
        return {
            "@id": f"{self.context.absolute_url()}/@signing-keys",
            **keys_of(api.user.get_current().getId()),
        }
