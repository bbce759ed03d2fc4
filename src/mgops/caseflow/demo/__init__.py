"""Demo data: the centre's staff and a few families in every workflow state.

``data`` holds the people and families as plain values, ``timeline`` turns them
into dated steps relative to a given day (no Plone), and ``loader`` carries the
steps out on a site as the right staff member, so every guard applies.
"""
