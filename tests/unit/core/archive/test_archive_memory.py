"""The writer streams: its memory does not grow with the number of family files.

Peak traced memory (tracemalloc) of writing 2,000 generated family files must
stay within 20% of that of writing 200. Two CPython details would otherwise
blur the comparison: freed small tuples are kept for reuse (up to 2,000 per
size) and tracemalloc counts them, so a cold process seems to grow during its
first couple of thousand files; and a full garbage collection empties those
free lists again. So the free lists are filled first and the collector is
paused while measuring, which also means a reference cycle made per family
file would show up here as growth.
"""

import gc
import tracemalloc

from mgops.caseflow.core.archive import ZipTarget
from mgops.caseflow.core.archive import write_package


def _fill_tuple_free_lists() -> None:
    for size in range(1, 21):
        tuples = [tuple([index] * size) for index in range(2100)]
        del tuples


def _export(count, make_records, schemas, settings, sink_class) -> None:
    write_package(
        make_records(count, documents=1),
        ZipTarget(sink_class(keep=False)),
        schemas=schemas,
        settings=settings,
    )


def _peak(count, *args) -> int:
    tracemalloc.start()
    try:
        _export(count, *args)
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_memory_stays_flat_from_200_to_2000_family_files(
    make_records, schemas, settings, non_seekable_sink, record_property
):
    args = (make_records, schemas, settings, non_seekable_sink)
    gc.collect()
    _export(20, *args)  # compile the schemas, fill lxml's caches
    _fill_tuple_free_lists()
    gc.disable()
    try:
        small = _peak(200, *args)
        large = _peak(2000, *args)
    finally:
        gc.enable()
    record_property("peak_bytes_200", small)
    record_property("peak_bytes_2000", large)
    print(f"peak traced memory: 200 files {small} B, 2000 files {large} B")
    assert large <= small * 1.2
