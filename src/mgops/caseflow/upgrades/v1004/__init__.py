"""1002 → 1004: the settings of the directory login (ICaseflowSettings, "directory")."""
