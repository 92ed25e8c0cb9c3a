"""Near-duplicate articles (syndicated copies of one wire story) with MinHash LSH (datasketch).

An article's body is cut into word shingles; its MinHash signature is split into ``b`` bands of ``r``
rows (datasketch's optimal parameters for the Jaccard threshold); articles sharing a band bucket are
candidates, confirmed when their estimated Jaccard similarity reaches the threshold. The store keeps the
band buckets in a table, so the index persists and lookups stay indexed as the store grows.
"""
from __future__ import annotations

import functools
import hashlib
import re

import numpy as np
from datasketch import MinHash
from datasketch.lsh import _optimal_param

from warmonitor.fuse.rules import rules

_WORD = re.compile(r"\w+", re.UNICODE)


@functools.lru_cache(maxsize=1)
def lsh_params() -> tuple[float, int, int, int, int]:
    """(threshold, num_perm, shingle size, bands, rows per band)."""
    cfg = rules()["minhash"]
    threshold, num_perm, shingle = float(cfg["threshold"]), int(cfg["num_perm"]), int(cfg["shingle"])
    bands, rows = _optimal_param(threshold, num_perm, 0.5, 0.5)
    return threshold, num_perm, shingle, bands, rows


def shingles(text: str, size: int) -> set[bytes]:
    """Word ``size``-grams of the folded text (the whole text when it is shorter)."""
    words = [w.casefold() for w in _WORD.findall(text)]
    if len(words) <= size:
        return {" ".join(words).encode("utf-8")} if words else set()
    return {" ".join(words[i : i + size]).encode("utf-8") for i in range(len(words) - size + 1)}


def signature(text: str) -> np.ndarray:
    """The MinHash signature (uint64 array) of an article text."""
    _, num_perm, size, _, _ = lsh_params()
    mh = MinHash(num_perm=num_perm, seed=1)
    grams = shingles(text, size)
    if grams:
        mh.update_batch(list(grams))
    return mh.hashvalues.astype(np.uint64)


def band_keys(sig: np.ndarray) -> list[tuple[int, str]]:
    """(band number, bucket key) of each LSH band of a signature."""
    _, _, _, bands, rows = lsh_params()
    return [
        (b, hashlib.sha1(sig[b * rows : (b + 1) * rows].tobytes()).hexdigest()[:20]) for b in range(bands)
    ]


def similarity(a: np.ndarray, b: np.ndarray) -> float:
    """Estimated Jaccard similarity of two signatures."""
    return float(np.count_nonzero(a == b)) / float(len(a))


def to_text(sig: np.ndarray) -> str:
    """A signature as hex text (a plain SQL type)."""
    return sig.astype("<u8").tobytes().hex()


def from_text(text: str) -> np.ndarray:
    return np.frombuffer(bytes.fromhex(text), dtype="<u8").astype(np.uint64)


def is_duplicate(a: np.ndarray, b: np.ndarray) -> bool:
    """Near-duplicates by the configured threshold."""
    return similarity(a, b) >= lsh_params()[0]
