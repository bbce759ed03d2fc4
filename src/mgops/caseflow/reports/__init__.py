"""The Plone half of the reports: the catalog read into ``core.reports``'
plain records, the shipped definitions, the reports as figures, files,
charts and downloads (``@reports``, Sprawozdania)."""
