"""The parsed-data cache behind ``shuzhi check``'s start: the same data as parsing, reread when
the file changes, and never more than data — whatever is in the cache directory."""

from __future__ import annotations

import datetime
import hashlib
import os
import pickle

import pytest
import yaml

from shuzhi.datafiles import computed, load_yaml

DATA = "name: 国家数据局\nfrom: 2023-10-25\nnames: [数据局, 国家数据局]\ncount: 2\n"


@pytest.fixture
def cache(tmp_path, monkeypatch):
    folder = tmp_path / "cache"
    monkeypatch.setenv("SHUZHI_CACHE", str(folder))
    return folder


def test_the_cached_data_is_the_parsed_data_and_is_read_back(tmp_path, cache):
    source = tmp_path / "bodies.yaml"
    source.write_text(DATA, encoding="utf-8")
    first = load_yaml(source)
    assert first == yaml.safe_load(DATA) and first["from"] == datetime.date(2023, 10, 25)
    [stored] = cache.iterdir()
    stored.write_bytes(pickle.dumps({"name": "from the cache"}))
    assert load_yaml(source) == {"name": "from the cache"}, "an unchanged file is not parsed again"


def test_an_edited_file_is_parsed_again(tmp_path, cache):
    source = tmp_path / "bodies.yaml"
    source.write_text(DATA, encoding="utf-8")
    load_yaml(source)
    source.write_text(DATA.replace("count: 2", "count: 3"), encoding="utf-8")
    os.utime(source, ns=(1, 1))  # the same second's edit on a coarse clock: size or stamp differ
    assert load_yaml(source)["count"] == 3


def test_a_cache_file_that_would_run_code_is_not_loaded(tmp_path, cache):
    source = tmp_path / "bodies.yaml"
    source.write_text(DATA, encoding="utf-8")
    load_yaml(source)
    [stored] = cache.iterdir()
    marker = tmp_path / "ran"

    class Payload:
        def __reduce__(self):
            return (open, (str(marker), "w"))

    stored.write_bytes(pickle.dumps(Payload()))
    assert load_yaml(source) == yaml.safe_load(DATA)
    assert not marker.exists()


def test_a_cache_that_cannot_be_written_only_costs_time(tmp_path, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("")
    monkeypatch.setenv("SHUZHI_CACHE", str(blocker / "cache"))  # under a file: mkdir fails
    source = tmp_path / "bodies.yaml"
    source.write_text(DATA, encoding="utf-8")
    assert load_yaml(source) == load_yaml(source) == yaml.safe_load(DATA)


def _counting(result):
    """A computation that says how often it ran."""
    runs = []

    def build():
        runs.append(1)
        return result

    return build, runs


def test_computed_data_is_kept_and_computed_again_when_an_input_changes(tmp_path, cache):
    source = tmp_path / "formulations.yaml"
    source.write_text(DATA, encoding="utf-8")
    build, runs = _counting({"terms": ["国家数据局"], "pairs": frozenset({1, 2})})
    assert computed("matchers", [source], build) == computed("matchers", [source], build) == build()
    assert len(runs) == 2, "read back the second time"
    source.write_text(DATA.replace("count: 2", "count: 3"), encoding="utf-8")
    os.utime(source, ns=(1, 1))  # the content decides, not the stamp
    computed("matchers", [source], build)
    assert len(runs) == 3


@pytest.mark.parametrize("damage", ["flipped", "truncated", "code"])
def test_a_damaged_or_foreign_computed_file_is_computed_past(damage, tmp_path, cache):
    source = tmp_path / "formulations.yaml"
    source.write_text(DATA, encoding="utf-8")
    build, runs = _counting({"terms": ["国家数据局", "国家发展和改革委员会"]})
    computed("matchers", [source], build)
    [stored] = cache.iterdir()
    sealed = stored.read_bytes()
    marker = tmp_path / "ran"

    class Payload:
        def __reduce__(self):
            return (open, (str(marker), "w"))

    if damage == "flipped":  # one character of a term changed: still a valid pickle
        sealed = sealed.replace("国家数据局".encode(), "国家数椐局".encode())
    elif damage == "truncated":
        sealed = sealed[:len(sealed) // 2]
    else:  # sealed correctly, but not plain data
        payload = pickle.dumps(Payload())
        sealed = hashlib.sha256(payload).digest() + payload
    stored.write_bytes(sealed)
    assert computed("matchers", [source], build) == {"terms": ["国家数据局", "国家发展和改革委员会"]}
    assert len(runs) == 2 and not marker.exists()
