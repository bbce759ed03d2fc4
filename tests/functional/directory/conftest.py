"""A real OpenLDAP server (Debian's slapd) on 127.0.0.1 for the directory tests.

``slapd`` writes a slapd.conf into a temporary folder (mdb database, the core,
cosine, inetorgperson schemas and the ppolicy overlay, with which OpenLDAP
administrators lock an account), loads the centre's people and groups with
``slapadd`` and serves them on a free port until the module's tests end.
"""

import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path

import ldap
import pytest


SUFFIX = "dc=mgops,dc=test"
ROOT_DN = f"cn=admin,{SUFFIX}"
ROOT_PASSWORD = "root-secret"
#: the read-only account the site binds with, as a centre's IT would make it
BIND_DN = f"cn=plone,ou=services,{SUFFIX}"
BIND_PASSWORD = "bind-secret"
USERS_BASE = f"ou=people,{SUFFIX}"
GROUPS_BASE = f"ou=groups,{SUFFIX}"
#: a locked account: ppolicy's "locked by the administrator" time
LOCKED = "000001010000Z"
#: the users filter the tests configure: people, not locked
USERS_FILTER = "(&(objectClass=inetOrgPerson)(!(pwdAccountLockedTime=*)))"

#: uid → (given name, surname, password, extra LDIF lines)
PEOPLE = {
    "jnowak": (
        "Jan",
        "Nowak",
        "head-Pass-1",
        ["objectClass: extensibleObject", "serialNumber: PNOPL-80010112345"],
    ),
    "mzajac": ("Maria", "Zając", "sw-Pass-1", []),
    "kmazur": ("Kamil", "Mazur", "fa-Pass-1", []),
    "lkrol": ("Lena", "Król", "fa-Pass-2", []),
    "ppawlak": ("Paweł", "Pawlak", "old-Pass-1", [f"pwdAccountLockedTime: {LOCKED}"]),
}
#: directory group (cn) → members (uid)
GROUPS = {
    "OPS-Kierownictwo": ["jnowak"],
    "OPS-Pracownicy-Socjalni": ["mzajac"],
    "OPS-Asystenci": ["kmazur", "lkrol", "ppawlak"],
    "OPS-Archiwum": [],
    "Gmina-Wszyscy": ["jnowak", "mzajac", "kmazur", "lkrol", "ppawlak"],
}

SLAPD_CONF = """\
include /etc/ldap/schema/core.schema
include /etc/ldap/schema/cosine.schema
include /etc/ldap/schema/inetorgperson.schema
modulepath /usr/lib/ldap
moduleload back_mdb
moduleload ppolicy
pidfile {root}/slapd.pid
database mdb
maxsize 10485760
suffix "{suffix}"
rootdn "{root_dn}"
rootpw {root_password}
directory {root}/data
overlay ppolicy
ppolicy_default "cn=default,ou=policies,{suffix}"
access to attrs=userPassword
    by anonymous auth
    by * none
access to *
    by dn.exact="{bind_dn}" read
    by * none
"""


def _entries() -> str:
    entries = [
        f"dn: {SUFFIX}\nobjectClass: dcObject\nobjectClass: organization\n"
        "dc: mgops\no: Miejsko-Gminny Ośrodek Pomocy Społecznej",
    ]
    for ou in ("people", "groups", "services", "policies"):
        entries.append(
            f"dn: ou={ou},{SUFFIX}\nobjectClass: organizationalUnit\nou: {ou}"
        )
    entries.append(
        f"dn: cn=default,ou=policies,{SUFFIX}\nobjectClass: device\n"
        "objectClass: pwdPolicy\ncn: default\npwdAttribute: userPassword\n"
        "pwdLockout: TRUE"
    )
    entries.append(
        f"dn: {BIND_DN}\nobjectClass: organizationalRole\n"
        f"objectClass: simpleSecurityObject\ncn: plone\nuserPassword: {BIND_PASSWORD}"
    )
    for uid, (given, surname, password, extra) in PEOPLE.items():
        lines = [
            f"dn: uid={uid},{USERS_BASE}",
            "objectClass: inetOrgPerson",
            f"uid: {uid}",
            f"cn: {given} {surname}",
            f"givenName: {given}",
            f"sn: {surname}",
            f"mail: {uid}@gmina.test",
            f"userPassword: {password}",
            *extra,
        ]
        entries.append("\n".join(lines))
    for cn, members in GROUPS.items():
        lines = [f"dn: cn={cn},{GROUPS_BASE}", "objectClass: groupOfNames", f"cn: {cn}"]
        # groupOfNames needs a member: the service account stands in for none
        for uid in members or ["-"]:
            lines.append(
                f"member: uid={uid},{USERS_BASE}"
                if uid != "-"
                else f"member: {BIND_DN}"
            )
        entries.append("\n".join(lines))
    return "\n\n".join(entries) + "\n"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Slapd:
    """One slapd process over one database; ``stop`` and ``start`` again.

    The names the tests need come with it (test modules import no conftest).
    """

    suffix = SUFFIX
    bind_dn = BIND_DN
    bind_password = BIND_PASSWORD
    users_base = USERS_BASE
    groups_base = GROUPS_BASE
    users_filter = USERS_FILTER
    locked = LOCKED

    @staticmethod
    def password(uid):
        return PEOPLE[uid][2]

    def __init__(self, root: Path):
        self.root = root
        self.port = _free_port()
        self.uri = f"ldap://127.0.0.1:{self.port}"
        self.conf = root / "slapd.conf"
        self.process = None
        (root / "data").mkdir()
        self.conf.write_text(
            SLAPD_CONF.format(
                root=root,
                suffix=SUFFIX,
                root_dn=ROOT_DN,
                root_password=ROOT_PASSWORD,
                bind_dn=BIND_DN,
            )
        )
        ldif = root / "entries.ldif"
        ldif.write_text(_entries(), encoding="utf-8")
        subprocess.run(
            ["slapadd", "-f", str(self.conf), "-l", str(ldif)],
            check=True,
            capture_output=True,
        )

    def start(self):
        # -d 0: stay in the foreground (no fork), log nothing
        self.process = subprocess.Popen(
            ["slapd", "-f", str(self.conf), "-h", f"{self.uri}/", "-d", "0"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        deadline = time.monotonic() + 10
        while True:
            try:
                self.admin().unbind_s()
                return
            except ldap.SERVER_DOWN:
                if self.process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(
                        f"slapd did not start: {self.process.stderr.read()!r}"
                    ) from None
                time.sleep(0.05)

    def stop(self):
        self.process.terminate()
        self.process.wait(timeout=10)
        self.process = None

    def admin(self):
        connection = ldap.initialize(self.uri)
        connection.simple_bind_s(ROOT_DN, ROOT_PASSWORD)
        return connection

    def modify(self, dn, changes):
        connection = self.admin()
        try:
            connection.modify_s(dn, changes)
        finally:
            connection.unbind_s()

    def delete(self, dn):
        connection = self.admin()
        try:
            connection.delete_s(dn)
        finally:
            connection.unbind_s()


@pytest.fixture(scope="module")
def slapd():
    root = Path(tempfile.mkdtemp(prefix="slapd-"))
    server = Slapd(root)
    server.start()
    yield server
    if server.process is not None:
        server.stop()
    shutil.rmtree(root)
