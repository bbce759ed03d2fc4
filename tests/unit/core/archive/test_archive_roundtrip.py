"""Export → read → export gives the same package, and the same records."""

import io

from mgops.caseflow.core.archive import PackageReader
from mgops.caseflow.core.archive import read_package


def test_records_read_back_equal_the_exported_ones(export_dir, sample_records, schemas):
    records = list(read_package(export_dir(sample_records), schemas=schemas))
    assert records == sample_records


def test_read_back_attachments_and_signed_decisions_keep_their_bytes(
    export_dir, sample_records, schemas
):
    package = export_dir(sample_records)
    for original, read in zip(
        sample_records, read_package(package, schemas=schemas), strict=True
    ):
        for before, after in zip(original.documents, read.documents, strict=True):
            for one, other in zip(before.attachments, after.attachments, strict=True):
                assert b"".join(other.chunks()) == b"".join(one.chunks())
            if before.signature is not None:
                assert after.signature.signed_xml == before.signature.signed_xml


def test_directory_round_trip_gives_identical_files(
    export_dir, sample_records, schemas, files_of
):
    first = export_dir(sample_records)
    second = export_dir(read_package(first, schemas=schemas))
    assert files_of(second) == files_of(first)


def test_zip_round_trip_gives_identical_bytes(export_zip, sample_records, schemas):
    first = export_zip(sample_records)
    second = export_zip(read_package(io.BytesIO(first), schemas=schemas))
    assert second == first


def test_zip_to_directory_and_back_gives_the_same_files(
    export_zip, export_dir, sample_records, schemas, files_of
):
    first = export_zip(sample_records)
    directory = export_dir(read_package(io.BytesIO(first), schemas=schemas))
    third = export_zip(read_package(directory, schemas=schemas))
    assert third == first


def test_the_reader_reports_the_export_time_and_counts(
    export_dir, sample_records, schemas
):
    with PackageReader(export_dir(sample_records), schemas=schemas) as reader:
        info = reader.verify()
    assert info.exported_at.isoformat() == "2027-03-01T12:00:00+00:00"
    assert (info.family_files, info.documents) == (2, 11)
    assert info.files == 6 + 16 + 16 + 2 + 1 + 1


def test_many_generated_family_files_round_trip(export_zip, make_records, schemas):
    first = export_zip(make_records(60, documents=3))
    assert export_zip(read_package(io.BytesIO(first), schemas=schemas)) == first
