"""Run as a script: change transactions on a plain FileStorage, audited.

``plain_zodb.py DATA_FS COUNT [crash]`` commits COUNT transactions, each with
one change entry (``record.log_on_commit``); with ``crash`` one more whose
process is SIGKILLed after the trail voted and before the database committed
— the window a real crash can hit.
"""

import os
import signal
import sys

import transaction
from persistent.mapping import PersistentMapping
from ZODB import DB
from ZODB.FileStorage import FileStorage

from mgops.caseflow.audit.record import log_on_commit


class KillAfterTheTrail:
    def sortKey(self):
        return "~~ after the audit trail"

    def tpc_vote(self, txn):
        os.kill(os.getpid(), signal.SIGKILL)

    def abort(self, txn):
        pass

    tpc_begin = commit = tpc_finish = tpc_abort = abort


def main(data_fs, count, crash=None):
    db = DB(FileStorage(data_fs))
    connection = db.open()
    root = connection.root()
    for number in range(int(count)):
        record = root.setdefault("record", PersistentMapping())
        record["n"] = number
        log_on_commit("edit", record, detail={"n": number})
        transaction.commit()
    if crash:
        root["record"]["n"] = "crash"
        log_on_commit("edit", root["record"], detail={"n": "crash"})
        transaction.get().join(KillAfterTheTrail())
        transaction.commit()
    db.close()


if __name__ == "__main__":
    main(*sys.argv[1:])
