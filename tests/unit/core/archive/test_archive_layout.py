"""Package paths and safe file names."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mgops.caseflow.core.archive.layout import is_safe_package_path
from mgops.caseflow.core.archive.layout import item_path_of_metadata
from mgops.caseflow.core.archive.layout import metadata_path
from mgops.caseflow.core.archive.layout import safe_file_name
from mgops.caseflow.core.archive.layout import unique_names


@pytest.mark.parametrize(
    ("name", "safe"),
    [
        ("skan wywiadu.pdf", "skan wywiadu.pdf"),
        ("Zażółć gęślą jaźń.docx", "Zażółć gęślą jaźń.docx"),
        ("../../etc/passwd", "passwd"),
        ("C:\\Users\\kasia\\list.txt", "list.txt"),
        ('a:b*c?d<e>f|g"h.png', "a_b_c_d_e_f_g_h.png"),
        ("tab\tnew\nline.txt", "tab_new_line.txt"),
        ("...", "plik"),
        ("", "plik"),
        (" .hidden ", "hidden"),
        ("CON.txt", "_CON.txt"),
        ("lpt1", "_lpt1"),
        ("AR.4010.12.2026", "AR.4010.12.2026"),
        ("x" * 300 + ".pdf", "x" * 116 + ".pdf"),
        ("e\u0301cole.txt", "\u00e9cole.txt"),  # decomposed é becomes one letter
    ],
)
def test_safe_file_names(name, safe):
    assert safe_file_name(name) == safe


@given(st.text(max_size=300))
def test_any_name_becomes_one_safe_path_segment(name):
    safe = safe_file_name(name)
    assert is_safe_package_path(safe)
    assert "/" not in safe
    assert 0 < len(safe) <= 120
    assert safe == safe.strip(" .")


def test_equal_names_are_told_apart_even_where_case_is_ignored():
    assert unique_names(["a.pdf", "A.PDF", "a.pdf", "b", "b"]) == [
        "a.pdf",
        "A-2.PDF",
        "a-3.pdf",
        "b",
        "b-2",
    ]


def test_metadata_is_named_after_its_item():
    item = "dokumenty/AR.4010.12.2026/wywiad-1/skan.pdf"
    assert metadata_path(item) == "metadane/AR.4010.12.2026/wywiad-1/skan.pdf.xml"
    assert metadata_path("dokumenty/X.xml") == "metadane/X.xml.xml"
    assert item_path_of_metadata(metadata_path(item)) == item


@pytest.mark.parametrize(
    ("path", "safe"),
    [
        ("dokumenty/a.xml", True),
        ("manifest.xml", True),
        ("", False),
        ("/etc/passwd", False),
        ("../x", False),
        ("dokumenty/../../x", False),
        ("dokumenty//x", False),
        ("dokumenty/./x", False),
        ("dokumenty\\x", False),
        ("c:/x", False),
        ("a\x00b", False),
    ],
)
def test_safe_package_paths(path, safe):
    assert is_safe_package_path(path) is safe


def test_a_case_reference_with_slashes_keeps_all_its_parts(sample_records):
    import dataclasses

    from mgops.caseflow.core.archive.layout import case_folder
    from mgops.caseflow.core.archive.layout import case_path

    record = dataclasses.replace(
        sample_records[1], case_reference="OPS/AR.4010/13/2026"
    )
    assert case_folder(record) == "OPS_AR.4010_13_2026"
    assert case_path(record) == "sprawy/OPS_AR.4010_13_2026.xml"
