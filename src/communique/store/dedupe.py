"""Near-duplicate detection: MinHash signatures of word shingles, grouped with LSH.

A document joins a group when the estimated Jaccard similarity of its word shingles to
the group's first document (the *head*) reaches the threshold; otherwise it heads a new
group. Decisions depend only on the documents seen before, in order, so re-running or
resuming an ingest makes the same groups.
"""
from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

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


@dataclass
class Deduper:
    """Assigns each document to a near-duplicate group.

    >>> d = Deduper()
    >>> d.assign("a", d.signature("the cat sat on the mat today")).group_id
    'a'
    """

    threshold: float = THRESHOLD
    num_perm: int = NUM_PERM
    shingle: int = SHINGLE
    # Kept compact, as this grows with every group: a head's hash values as bytes, and per
    # LSH band (datasketch's banding) a 64-bit digest of the band -> head id(s).
    _heads: dict[str, bytes] = field(init=False, repr=False, default_factory=dict)
    _bands: list[dict[int, str | list[str]]] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        if not 0.0 < self.threshold <= 1.0:
            raise ValueError(f"duplicate threshold must be in (0, 1], not {self.threshold}")
        lsh = MinHashLSH(threshold=self.threshold, num_perm=self.num_perm)
        self._rows = lsh.r
        # the permutations depend only on num_perm and the fixed seed: make them once
        self._permutations = MinHash(num_perm=self.num_perm, scheme=SCHEME).permutations
        self._bands = [{} for _ in range(lsh.b)]

    def _band_keys(self, values: bytes) -> Iterator[int]:
        step = self._rows * 4
        for i in range(len(self._bands)):
            band = values[i * step:(i + 1) * step]
            yield int.from_bytes(hashlib.blake2b(band, digest_size=8).digest())

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

    def add_head(self, doc_id: str, m: MinHash) -> None:
        """Register a group head (e.g. loaded from the store)."""
        if doc_id not in self._heads:
            values = self.to_bytes(m)
            self._heads[doc_id] = values
            for band, key in zip(self._bands, self._band_keys(values)):
                old = band.get(key)
                if old is None:
                    band[key] = doc_id
                elif isinstance(old, str):
                    band[key] = [old, doc_id]
                else:
                    old.append(doc_id)

    def _candidates(self, values: bytes) -> set[str]:
        found: set[str] = set()
        for band, key in zip(self._bands, self._band_keys(values)):
            hit = band.get(key)
            if hit is not None:
                found.update([hit] if isinstance(hit, str) else hit)
        return found

    def assign(self, doc_id: str, m: MinHash) -> Assignment:
        """The group of a new document; a new head is registered at once."""
        if m.is_empty():
            self.add_head(doc_id, m)
            return Assignment(doc_id, 1.0)
        values = self.to_bytes(m)
        mine = np.frombuffer(values, dtype=np.uint32)
        best: tuple[float, str] | None = None
        for cand in self._candidates(values):
            head = np.frombuffer(self._heads[cand], dtype=np.uint32)
            sim = float(np.count_nonzero(mine == head)) / len(mine)
            if sim >= self.threshold and (best is None or (-sim, cand) < (-best[0], best[1])):
                best = (sim, cand)
        if best is None:
            self.add_head(doc_id, m)
            return Assignment(doc_id, 1.0)
        return Assignment(best[1], round(best[0], 4))

    @property
    def heads(self) -> int:
        return len(self._heads)


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
