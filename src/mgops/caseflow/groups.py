"""The centre's groups and what each one is given."""

SOCIAL_WORKERS_GROUP = "pracownicy_socjalni"
ASSISTANTS_GROUP = "asystenci_rodziny"
HEADS_GROUP = "kierownictwo"
ARCHIVISTS_GROUP = "archiwum"

#: group id → (Polish title, stored as data; global roles). Social workers and assistants get no global
#: role: their roles come per family file (and on the registry, to reach it).
GROUPS = {
    SOCIAL_WORKERS_GROUP: ("Pracownicy socjalni", []),
    ASSISTANTS_GROUP: ("Asystenci rodziny", []),
    HEADS_GROUP: ("Kierownictwo", ["Head"]),
    ARCHIVISTS_GROUP: ("Archiwum", ["Archivist"]),
}

#: group id → local role it holds on the family-file registry.
REGISTRY_ROLES = {
    SOCIAL_WORKERS_GROUP: "SocialWorker",
    ASSISTANTS_GROUP: "FamilyAssistant",
}
