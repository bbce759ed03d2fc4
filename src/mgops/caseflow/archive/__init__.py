"""The Plone side of the archival package: family files in and out of ``archive/``.

``records`` turns family files into the plain records ``core.archive.write_package``
takes, one file at a time over catalog brains; ``importer`` turns the records
``core.archive.read_package`` gives back into content; ``config`` says where the
NDAP schemas are and what the centre writes as creator; ``exports`` selects,
writes and offers a package and remembers which closed files went out, so that
``marking`` moves only those to ``archived``.
"""
