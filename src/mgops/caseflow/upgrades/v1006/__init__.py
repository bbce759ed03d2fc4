"""1005 → 1006: the settings of the directory login (ICaseflowSettings, "directory")."""
