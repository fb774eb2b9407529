"""The editor's one inline stylesheet, allowed by its hash (no 'unsafe-inline' anywhere).

TipTap, inside django-prose-editor, injects its fixed base stylesheet as a
<style> element and the package offers no way to pass a nonce. The CSP of the
editor pages allows exactly that stylesheet by its sha256, computed from the
installed editor.js, so an upgrade keeps working and nothing else is allowed.
"""

import base64
import hashlib
import re
from functools import cache

from django.contrib.staticfiles import finders

_BASE_CSS = re.compile(r"`(\.ProseMirror \{.*?)`", re.S)


@cache
def tiptap_style_hashes() -> list[str]:
    path = finders.find("django_prose_editor/editor.js")
    if not path:
        return []
    source = open(path, encoding="utf-8").read()  # noqa: SIM115 (read once, cached)
    return [
        f"'sha256-{base64.b64encode(hashlib.sha256(css.encode()).digest()).decode()}'"
        for css in _BASE_CSS.findall(source)
    ]
