"""AIツール pages: tools grouped by category, and one page per tool with the articles that mention it."""

from __future__ import annotations

from mkdocs.structure.files import InclusionLevel

from ...index.tools import ToolEntry, ToolIndex
from .. import routes
from ..listings import VirtualPage


def tool_pages(tools: ToolIndex) -> list[VirtualPage]:
    """/tools/ and /tools/<slug>/; nothing (no header tab) with an empty registry."""
    if not tools.entries:
        return []
    return [tools_index_page(tools), *map(tool_page, tools.entries)]


def tools_index_page(tools: ToolIndex) -> VirtualPage:
    return VirtualPage(routes.tools_src(), "AIツール", "tools.html", {"tool_categories": tools.categories()},
                       InclusionLevel.INCLUDED)


def tool_page(entry: ToolEntry) -> VirtualPage:
    return VirtualPage(routes.tool_src(entry.tool.slug), entry.tool.name, "tool.html", {"tool_entry": entry})
