"""Interactive HTML views of the knowledge graph (``kg viz``, ``kg serve``).

The networkx projection (:mod:`kg.query.project`) is narrowed to a view (the whole graph,
one report, or the neighbourhood of an entity; filtered by node type; capped in size), styled
(:mod:`kg.views.styles`), turned into a pyvis network and written into the project's own page
template (``viz/page.html``), with vis-network copied next to the pages from the pyvis
package: the pages work offline and fetch nothing.

Report text is untrusted: every string reaches the page inside one JSON data block with
``<``, ``>``, ``&`` and U+2028/U+2029 escaped, and the page script puts it into the DOM as
text only.
"""
from kg.views.page import render_page, safe_json
from kg.views.selection import ViewGraph, find_nodes, focus_view, limit_view, type_view
from kg.views.site import Page, write_site

__all__ = ["ViewGraph", "find_nodes", "focus_view", "limit_view", "type_view",
           "render_page", "safe_json", "Page", "write_site"]
