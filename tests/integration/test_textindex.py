"""Full-text postings the database can merge (``mgops.caseflow.textindex``):
real ZODB (a FileStorage), two connections, ZCTextIndex's own Okapi index and
lexicon."""

import pytest
import transaction
import ZODB
from BTrees.IIBTree import IIBTree
from BTrees.IOBTree import IOBTree
from Products.ZCTextIndex.Lexicon import CaseNormalizer
from Products.ZCTextIndex.Lexicon import Lexicon
from Products.ZCTextIndex.Lexicon import Splitter
from Products.ZCTextIndex.OkapiIndex import OkapiIndex
from ZODB.FileStorage import FileStorage
from ZODB.POSException import ConflictError

from mgops.caseflow.textindex import merge_friendly


@pytest.fixture
def db(tmp_path):
    database = ZODB.DB(FileStorage(str(tmp_path / "Data.fs")))
    yield database
    database.close()


def _root(db):
    manager = transaction.TransactionManager()
    return manager, db.open(transaction_manager=manager).root()


def test_the_premise_a_bucket_holding_a_dict_cannot_be_merged(db):
    """Why dict postings had to go: BTrees merges two transactions' new keys
    in one bucket when its values are IIBTrees, not when one is a dict."""
    manager, root = _root(db)
    root["trees"] = IOBTree({k: IIBTree({k: 1}) for k in range(0, 400, 2)})
    root["dicts"] = IOBTree({k: {k: 1} for k in range(0, 400, 2)})
    manager.commit()
    for name, merged in (("trees", True), ("dicts", False)):
        (one, first), (two, second) = _root(db), _root(db)
        first[name][11] = IIBTree({11: 1})
        second[name][21] = IIBTree({21: 1})
        one.commit()
        if merged:
            two.commit()
        else:
            with pytest.raises(ConflictError):
                two.commit()
            two.abort()


@pytest.fixture
def index_db(db):
    """An index of 600 documents, each with two words of its own (their
    postings share buckets), and "wizyta" in 30 of them."""
    manager, root = _root(db)
    index = root["index"] = OkapiIndex(Lexicon(Splitter(), CaseNormalizer()))
    for n in range(1, 601):
        text = f"notatka{n} slowo{n}"
        index.index_doc(n * 1000, f"wizyta {text}" if n <= 30 else text)
    manager.commit()
    return db


def test_every_word_s_postings_are_an_iibtree(index_db):
    _, root = _root(index_db)
    postings = root["index"]._wordinfo.values()
    assert all(isinstance(item, IIBTree) for item in postings)


def test_two_notes_indexed_at_once_both_commit(index_db):
    """Each adds a document to a rare word of the other's bucket neighbour:
    with ZCTextIndex's dict postings the second commit was a ConflictError.
    (Their document ids are far apart, as the catalog's random ones are.)"""
    (one, first), (two, second) = _root(index_db), _root(index_db)
    first["index"].index_doc(1_500, "notatka5 Nowak")
    second["index"].index_doc(590_500, "slowo5 Kowalski")
    one.commit()
    two.commit()
    _, root = _root(index_db)
    assert set(root["index"].search("notatka5").keys()) == {5000, 1_500}
    assert set(root["index"].search("slowo5").keys()) == {5000, 590_500}


def test_reindexing_and_removing_documents_still_works(index_db):
    manager, root = _root(index_db)
    index = root["index"]
    index.index_doc(5000, "zmieniona notatka")
    index.unindex_doc(7000)
    manager.commit()
    _, root = _root(index_db)
    index = root["index"]
    assert set(index.search("wizyta").keys()) == {n * 1000 for n in range(1, 31)} - {
        5000,
        7000,
    }
    assert set(index.search("zmieniona").keys()) == {5000}
    assert list(index.search("slowo7").keys()) == []
    assert index.length() == index._wordinfo.__len__()


def test_dict_postings_from_before_are_turned_into_iibtrees(index_db):
    manager, root = _root(index_db)
    index = root["index"]
    (wid,) = index._lexicon.termToWordIds("notatka9")
    index._wordinfo[wid] = dict(index._wordinfo[wid])  # as ZCTextIndex left it
    assert merge_friendly(index) == 1
    assert merge_friendly(index) == 0
    manager.commit()
    assert isinstance(index._wordinfo[wid], IIBTree)
    assert set(index.search("notatka9").keys()) == {9000}
