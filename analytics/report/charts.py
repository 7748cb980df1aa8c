"""The report's charts as PNG: the dashboard's Vega-Lite specs rendered by vl-convert, no browser.

The Noto CJK font is found through fontconfig (``fc-match``) and its folder registered with
vl-convert once, so Chinese axis titles and labels render. PNGs are cached by the spec's JSON:
the same chart (a rerun of the /report page, the Word and the PDF of one report) is drawn once.
"""

from __future__ import annotations

import functools
import hashlib
import json
import shutil
import subprocess
from pathlib import Path

import vl_convert

CJK_FAMILY = "Noto Sans CJK SC"
SCALE = 2  # twice the spec's pixel size: sharp on paper at about 14 cm wide
_cache: dict[str, bytes] = {}
MAX_CACHED = 256


@functools.lru_cache(maxsize=8)
def font_file(family: str = CJK_FAMILY) -> Path | None:
    """The file fontconfig picks for ``family``; None without fontconfig or without that family."""
    if shutil.which("fc-match") is None:
        return None
    found = subprocess.run(
        ["fc-match", "--format=%{family}\t%{file}", family], capture_output=True, text=True, timeout=30, check=False
    ).stdout
    families, _, path = found.partition("\t")
    return Path(path) if path and family in families.split(",") else None


@functools.lru_cache(maxsize=1)
def register_fonts() -> Path | None:
    """Register the CJK font's folder with vl-convert (once); the folder, or None if not found."""
    path = font_file()
    if path is None:
        return None
    vl_convert.register_font_directory(str(path.parent))
    return path.parent


def png(spec: dict) -> bytes:
    """The chart drawn as PNG bytes, cached by its spec."""
    key = hashlib.sha256(json.dumps(spec, sort_keys=True, ensure_ascii=False).encode()).hexdigest()
    if key not in _cache:
        register_fonts()
        if len(_cache) >= MAX_CACHED:
            _cache.pop(next(iter(_cache)))
        _cache[key] = vl_convert.vegalite_to_png(spec, scale=SCALE)
    return _cache[key]
