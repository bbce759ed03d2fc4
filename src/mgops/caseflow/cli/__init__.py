"""Console scripts: ``caseflow-instance`` writes the Zope instance configuration,
``caseflow-demo`` creates the Plone site with the add-on and its demo data."""
