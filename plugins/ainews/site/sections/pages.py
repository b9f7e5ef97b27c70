"""The section pages the plugin owns, for the header (`nav:` entries it may drop)."""

from __future__ import annotations

from typing import Sequence

from ...index.digests import Digest
from .. import routes


def owned_section_pages(digests: Sequence[Digest]) -> set[str]:
    """Source paths of every section index a `nav:` entry may name, made or not this build."""
    return {routes.digest_index_src(d.path) for d in digests}
