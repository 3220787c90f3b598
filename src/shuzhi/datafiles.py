"""Reading the YAML data files shipped with shuzhi, parsed once and kept between runs.

``shuzhi check`` starts a fresh process each time, and parsing the checker's data (about 0.4 MB
of YAML, even with libyaml's parser: the objects are built in Python) was a tenth of its start.
The parsed data is kept in a cache directory (``SHUZHI_CACHE``, else ``cache/`` in
``SHUZHI_HOME``, else the platform's user cache), keyed by the file's path, size and
modification time, so an edited file is parsed again. It is pickled, and read back by an
unpickler that builds only plain data and dates: a cache file cannot make shuzhi run anything.
Any failure to read or write the cache falls back to parsing; yaml itself is imported only
then (its import is ~15 ms of a fresh ``shuzhi check``, which needs no parser once the cache
has every file).

``computed``: plain data derived from files (the checker's matchers), kept the same way but
keyed by the files' content and sealed with a hash of what was stored.
"""

from __future__ import annotations

import datetime
import hashlib
import io
import os
import pickle
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

_FORMAT = 1  # bump when what is stored changes
_SEAL = hashlib.sha256().digest_size
_KEEP_COMPUTED = 8  # files of one ``computed`` name kept (other checkouts' data, earlier edits)


def load_yaml(path: str | os.PathLike[str], parse: Callable[[str], Any] | None = None) -> Any:
    """The file parsed with YAML's safe loader (from the cache when the file is unchanged).
    ``parse``: how to parse it instead (its path → the data), for files with checks and
    messages of their own (templates)."""
    path = os.fspath(path)
    found = os.stat(path)
    key = f"{_FORMAT}\0{os.path.abspath(path)}\0{found.st_size}\0{found.st_mtime_ns}"
    cached = cache_dir() / f"{hashlib.sha256(key.encode()).hexdigest()[:32]}.pickle"
    try:
        return read_plain(cached)
    except Exception:  # absent, truncated, from another version: parse instead
        pass
    data = (parse or _parse)(path)
    store_plain(cached, data)
    return data


def computed(name: str, inputs: Sequence[str | os.PathLike[str]], build: Callable[[], Any]) -> Any:
    """``build()`` — plain data computed from the files ``inputs`` (data, and the code that
    computes from it) — or the same data kept from an earlier run. Keyed by the files' content,
    so any edit computes it anew; stored with the hash of its bytes, so a damaged file is
    computed anew too, never half trusted. Unreadable inputs or cache: computed, only slower."""
    try:
        digest = hashlib.sha256(f"{_FORMAT}\0{name}".encode())
        for path in inputs:
            content = Path(path).read_bytes()
            digest.update(f"\0{len(content)}\0".encode())
            digest.update(content)
    except OSError:
        return build()
    cached = cache_dir() / f"{name}-{digest.hexdigest()[:32]}.pickle"
    try:
        sealed = cached.read_bytes()
        if hashlib.sha256(sealed[_SEAL:]).digest() == sealed[:_SEAL]:
            return _PlainUnpickler(io.BytesIO(sealed[_SEAL:])).load()
    except Exception:  # absent, or not plain data: compute instead
        pass
    data = build()
    payload = pickle.dumps(data, protocol=pickle.HIGHEST_PROTOCOL)
    _store_bytes(cached, hashlib.sha256(payload).digest() + payload)
    _prune(cached.parent, name)
    return data


def _prune(folder: Path, name: str) -> None:
    """Only the newest few files of a ``computed`` name are kept: an edited input leaves its old
    file behind."""
    try:
        files = sorted(folder.glob(f"{name}-*.pickle"), key=lambda p: p.stat().st_mtime_ns, reverse=True)
        for old in files[_KEEP_COMPUTED:]:
            old.unlink()
    except OSError:
        pass  # another process pruning at once, or a read-only cache: harmless


def _parse(path: str) -> Any:
    import yaml

    with open(path, encoding="utf-8") as handle:
        return yaml.load(handle, Loader=safe_loader())


def safe_loader() -> type:
    """YAML's safe loader, libyaml's where it is built in."""
    import yaml

    return getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def cache_dir() -> Path:
    """Where shuzhi keeps what it can compute again (parsed data, compiled patterns)."""
    override = os.environ.get("SHUZHI_CACHE")
    if override:
        return Path(override)
    home = os.environ.get("SHUZHI_HOME")  # it moves everything of shuzhi's (tests: a temp dir)
    if home:
        return Path(home) / "cache"
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("shuzhi", appauthor=False)) / "data"


def read_plain(cached: Path) -> Any:
    """A file ``store_plain`` wrote; raises if it is absent or holds anything but plain data."""
    with open(cached, "rb") as handle:
        return _PlainUnpickler(handle).load()


def store_plain(cached: Path, data: Any) -> None:
    """Plain data kept for a later run; silently not where the cache cannot be written."""
    _store_bytes(cached, pickle.dumps(data, protocol=pickle.HIGHEST_PROTOCOL))


def _store_bytes(cached: Path, data: bytes) -> None:
    try:
        cached.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        partial = cached.with_suffix(f".{os.getpid()}.tmp")
        partial.write_bytes(data)
        os.replace(partial, cached)  # whole or not at all, also beside another process
    except OSError:
        pass  # a read-only home: parsing every time is only slower


_ALLOWED = {("datetime", "date"): datetime.date, ("datetime", "datetime"): datetime.datetime}


class _PlainUnpickler(pickle.Unpickler):
    """Plain data only (dict, list, str, numbers… need no class lookup) and dates."""

    def find_class(self, module: str, name: str) -> Any:
        if (module, name) in _ALLOWED:
            return _ALLOWED[module, name]
        raise pickle.UnpicklingError(f"not plain data: {module}.{name}")
