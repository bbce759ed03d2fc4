"""The Plone side of the archival package: family files in and out of ``archive/``.

``records`` turns family files into the plain records ``archive.write_package``
takes, one file at a time over catalog brains; ``importer`` turns the records
``archive.read_package`` gives back into content; ``config`` says where the
NDAP schemas are and what the centre writes as creator; ``exports`` remembers
which closed files went out, so only those can be marked archived.
"""
