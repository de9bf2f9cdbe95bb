"""Finders: pure functions over a :class:`~kg.core.doc.Document` that return mentions or facts.

One module per kind of thing found: :mod:`sections` (report structure), :mod:`metadata`,
:mod:`citations` (cited documents and 文号), :mod:`agencies`, :mod:`oversight`,
:mod:`duties`, :mod:`ratings`. They read only the document (and earlier stages' output)
and compiled, immutable pattern tables loaded once per process.
"""
