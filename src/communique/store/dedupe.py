"""Near-duplicate detection: MinHash signatures of word shingles, grouped with LSH.

A document joins a group when the estimated Jaccard similarity of its word shingles to
the group's first document (the *head*) reaches the threshold; otherwise it heads a new
group. Decisions depend only on the documents seen before, in order, so re-running or
resuming an ingest makes the same groups.
"""
from __future__ import annotations

import hashlib
import re
from collections import Counter, OrderedDict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date

import numpy as np
from datasketch import MinHash, MinHashLSH

NUM_PERM = 128
SCHEME = "affine32"  # datasketch's permutation scheme (32-bit hash values)
SHINGLE = 5
THRESHOLD = 0.8
_WORD = re.compile(r"\w+", re.UNICODE)


def shingles(text: str, k: int = SHINGLE) -> set[bytes]:
    """Lower-cased word k-grams (the whole text when it has fewer than k words)."""
    words = _WORD.findall(text.lower())
    if len(words) <= k:
        return {" ".join(words).encode("utf-8", "surrogatepass")} if words else set()
    return {" ".join(words[i:i + k]).encode("utf-8", "surrogatepass")
            for i in range(len(words) - k + 1)}


def dedupe_text(title: str | None, text: str) -> str:
    """What is compared: the title and the text (templated notices differ only in titles)."""
    return f"{title}\n{text}" if title else text


@dataclass(frozen=True)
class Assignment:
    group_id: str       # doc id of the group's head (the document's own id for a head)
    similarity: float   # estimated Jaccard similarity to the head (1.0 for a head)

    def is_head(self, doc_id: str) -> bool:
        return self.group_id == doc_id


class _Bucket:
    """Group heads (of one day, or of all days) with their LSH band keys."""

    __slots__ = ("heads", "bands")

    def __init__(self, bands: int):
        # Kept compact, as this grows with every group: a head's hash values as bytes, and per
        # LSH band (datasketch's banding) a 64-bit digest of the band -> head id(s).
        self.heads: dict[str, bytes] = {}
        self.bands: list[dict[int, str | list[str]]] = [{} for _ in range(bands)]

    def add(self, doc_id: str, values: bytes, keys: Iterable[int]) -> None:
        self.heads[doc_id] = values
        for band, key in zip(self.bands, keys):
            old = band.get(key)
            if old is None:
                band[key] = doc_id
            elif isinstance(old, str):
                band[key] = [old, doc_id]
            else:
                old.append(doc_id)

    def candidates(self, keys: list[int], found: set[str]) -> None:
        for band, key in zip(self.bands, keys):
            hit = band.get(key)
            if hit is not None:
                found.update([hit] if isinstance(hit, str) else hit)


Loader = Callable[[list[date]], Iterable[tuple[str, bytes, date]]]


@dataclass
class Deduper:
    """Assigns each document to a near-duplicate group.

    With ``window`` (days), a document is compared only with the heads dated within that
    many days of its own date, and only the heads of recent days stay in memory: ``loader``
    reads the heads of other days from the store when a document needs them.

    >>> d = Deduper()
    >>> d.assign("a", d.signature("the cat sat on the mat today")).group_id
    'a'
    """

    threshold: float = THRESHOLD
    num_perm: int = NUM_PERM
    shingle: int = SHINGLE
    window: int | None = None
    loader: Loader | None = None
    _buckets: dict[int | None, _Bucket] = field(init=False, repr=False, default_factory=dict)
    _loaded: OrderedDict = field(init=False, repr=False, default_factory=OrderedDict)
    _unsaved: Counter = field(init=False, repr=False, default_factory=Counter)

    def __post_init__(self) -> None:
        if not 0.0 < self.threshold <= 1.0:
            raise ValueError(f"duplicate threshold must be in (0, 1], not {self.threshold}")
        if self.window is not None and self.window < 0:
            raise ValueError(f"the dedupe window must be 0 days or more, not {self.window}")
        lsh = MinHashLSH(threshold=self.threshold, num_perm=self.num_perm)
        self._rows, self._nbands = lsh.r, lsh.b
        # the permutations depend only on num_perm and the fixed seed: make them once
        self._permutations = MinHash(num_perm=self.num_perm, scheme=SCHEME).permutations

    def _band_keys(self, values: bytes) -> list[int]:
        step = self._rows * 4
        return [int.from_bytes(hashlib.blake2b(values[i * step:(i + 1) * step], digest_size=8).digest())
                for i in range(self._nbands)]

    def signature(self, text: str) -> MinHash:
        m = MinHash(num_perm=self.num_perm, scheme=SCHEME, permutations=self._permutations)
        items = sorted(shingles(text, self.shingle))
        if items:
            m.update_batch(items)
        return m

    @staticmethod
    def to_bytes(m: MinHash) -> bytes:
        return np.asarray(m.hashvalues, dtype=np.uint32).tobytes()

    def from_bytes(self, data: bytes) -> MinHash:
        values = np.frombuffer(data, dtype=np.uint32).copy()
        return MinHash(num_perm=len(values), hashvalues=values, scheme=SCHEME)

    def _key(self, day: date | None) -> int | None:
        return day.toordinal() if self.window is not None and day is not None else None

    def _bucket(self, key: int | None) -> _Bucket:
        if key not in self._buckets:
            self._buckets[key] = _Bucket(self._nbands)
        return self._buckets[key]

    def add_head(self, doc_id: str, m: MinHash | bytes, day: date | None = None) -> None:
        """Register a group head (e.g. loaded from the store)."""
        values = m if isinstance(m, bytes) else self.to_bytes(m)
        bucket = self._bucket(self._key(day))
        if doc_id not in bucket.heads:
            bucket.add(doc_id, values, self._band_keys(values))

    def _days(self, day: date | None) -> list[int | None]:
        """The buckets a document of ``day`` is compared with, loaded from the store if need be."""
        key = self._key(day)
        if key is None:
            return [None]
        keys = [k for k in range(key - self.window, key + self.window + 1)
                if date.min.toordinal() <= k <= date.max.toordinal()]
        missing = [k for k in keys if k not in self._loaded]
        if missing and self.loader is not None:
            for doc_id, values, when in self.loader([date.fromordinal(k) for k in missing]):
                self.add_head(doc_id, values, when)
        for k in keys:
            self._loaded[k] = None
            self._loaded.move_to_end(k)
        self._evict(set(keys))
        return keys

    def _evict(self, keep: set[int]) -> None:
        """Forget the least recently used days beyond 4 windows (never unsaved heads)."""
        excess = len(self._loaded) - (4 * self.window + 2)
        for k in list(self._loaded):
            if excess <= 0:
                break
            if k not in keep and not self._unsaved[k]:
                del self._loaded[k]
                self._buckets.pop(k, None)
                excess -= 1

    def saved(self, day: date | None) -> None:
        """A head of ``day`` registered by :meth:`assign` is now in the store."""
        key = self._key(day)
        if key is not None and self._unsaved[key]:
            self._unsaved[key] -= 1
            if not self._unsaved[key]:
                del self._unsaved[key]

    def assign(self, doc_id: str, m: MinHash, day: date | None = None) -> Assignment:
        """The group of a new document; a new head is registered at once."""
        keys = self._days(day)
        values = self.to_bytes(m)
        best: tuple[float, str] | None = None
        if not m.is_empty():
            band_keys = self._band_keys(values)
            mine = np.frombuffer(values, dtype=np.uint32)
            for key in keys:
                bucket = self._buckets.get(key)
                if bucket is None:
                    continue
                found: set[str] = set()
                bucket.candidates(band_keys, found)
                for cand in found:
                    head = np.frombuffer(bucket.heads[cand], dtype=np.uint32)
                    sim = float(np.count_nonzero(mine == head)) / len(mine)
                    if sim >= self.threshold and (best is None or (-sim, cand) < (-best[0], best[1])):
                        best = (sim, cand)
        if best is None:
            self.add_head(doc_id, values, day)
            if self._key(day) is not None:
                self._unsaved[self._key(day)] += 1
            return Assignment(doc_id, 1.0)
        return Assignment(best[1], round(best[0], 4))

    @property
    def heads(self) -> int:
        """Group heads held in memory."""
        return sum(len(b.heads) for b in self._buckets.values())


@dataclass
class Group:
    head: str
    members: list[tuple[str, float]]  # (doc id, similarity), head first


def group_documents(items: Iterable[tuple[str, str]], threshold: float = THRESHOLD,
                    num_perm: int = NUM_PERM) -> Iterator[Group]:
    """Groups with two or more members among (doc_id, text) pairs, in order of heads."""
    d = Deduper(threshold=threshold, num_perm=num_perm)
    groups: dict[str, Group] = {}
    seen: set[str] = set()
    for doc_id, text in items:
        if doc_id in seen:
            continue
        seen.add(doc_id)
        a = d.assign(doc_id, d.signature(text))
        groups.setdefault(a.group_id, Group(a.group_id, [])).members.append((doc_id, a.similarity))
    for g in groups.values():
        if len(g.members) > 1:
            yield g
