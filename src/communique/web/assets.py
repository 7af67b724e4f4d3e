"""The dashboard's files, served from memory under fixed names.

The files of ``static/`` are read once, when the app is made; a request names one of them
and gets it from this table, so no request path ever reaches the file system. ``vega.js``
is vega, vega-lite and vega-embed (BSD-3-Clause) as bundled by the vl-convert-python
package, built on first use (about 2 s) without any network access.
"""
from __future__ import annotations

import hashlib
import threading
from dataclasses import dataclass
from pathlib import Path

STATIC = Path(__file__).parent / "static"
TYPES = {".html": "text/html; charset=utf-8", ".css": "text/css; charset=utf-8",
         ".js": "text/javascript; charset=utf-8", ".svg": "image/svg+xml", ".png": "image/png"}
VEGA = "vega.js"


@dataclass(frozen=True)
class Asset:
    body: bytes
    media_type: str

    @property
    def etag(self) -> str:
        return '"' + hashlib.sha1(self.body).hexdigest()[:16] + '"'


class Assets:
    def __init__(self, folder: Path = STATIC):
        self._files = {p.name: Asset(p.read_bytes(), TYPES[p.suffix]) for p in sorted(folder.iterdir())
                       if p.is_file() and p.suffix in TYPES}
        self._lock = threading.Lock()

    def names(self) -> list[str]:
        return sorted([*self._files, VEGA])

    def get(self, name: str) -> Asset | None:
        if name == VEGA:
            return self._vega()
        return self._files.get(name)

    def _vega(self) -> Asset:
        with self._lock:
            if VEGA not in self._files:
                import vl_convert

                self._files[VEGA] = Asset(vl_convert.javascript_bundle().encode("utf-8"), TYPES[".js"])
            return self._files[VEGA]


def vega_versions() -> dict[str, str]:
    import vl_convert

    return {"vega": vl_convert.get_vega_version(), "vega-lite": vl_convert.get_vegalite_versions()[-1],
            "vega-embed": vl_convert.get_vega_embed_version()}
