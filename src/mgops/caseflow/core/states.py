"""The workflow states and transitions the code speaks of, each id written once.

The workflows themselves are GenericSetup data
(``profiles/default/workflows/mgops_*_workflow/definition.xml``); code compares
against and fires these ids, never a bare string. A test holds every id here to
its workflow definition.
"""

# Family file (mgops_familyfile_workflow)
INTAKE = "intake"
AWAITING_DECISION = "awaiting_decision"
ACTIVE = "active"
MONITORING = "monitoring"
SOCIAL_WORK = "social_work"
CLOSED = "closed"
ARCHIVED = "archived"
#: every state of a family file, in the order of the process
FILE_STATES = (
    INTAKE,
    AWAITING_DECISION,
    ACTIVE,
    MONITORING,
    SOCIAL_WORK,
    CLOSED,
    ARCHIVED,
)
#: the states of a file whose work is over: the archive and retention read these
ENDED_STATES = (CLOSED, ARCHIVED)

REQUEST_ASSISTANT = "request_assistant"
WITHDRAW_REQUEST = "withdraw_request"
ASSIGN_ASSISTANT = "assign_assistant"
END_WORK = "end_work"
#: the family refuses before any assistant works with it (intake)
REFUSE_COOPERATION = "refuse_cooperation"
END_WORK_TO_SOCIAL_WORK = "end_work_to_social_work"
END_AND_CLOSE = "end_and_close"
CLOSE = "close"
ARCHIVE = "archive"

# Documents (mgops_document_workflow): Interview, Contract, Plan, Assessment, Note
DRAFT = "draft"
FINAL = "final"
FINALIZE = "finalize"

# Decisions (mgops_decision_workflow); a decision's draft is ``DRAFT`` too
PENDING_SIGNATURE = "pending_signature"
SIGNED = "signed"
#: a decision made before the centre used the system, brought in by the case
#: import with its date and number, never signed here
IMPORTED = "imported"
SUBMIT = "submit"
SEND_BACK = "send_back"
SIGN = "sign"
