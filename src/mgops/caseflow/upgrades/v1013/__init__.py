"""1012 → 1013: the settings of qualified signatures (ICaseflowSettings, "qualified_signatures")."""
