"""Shared types and tables every layer reads: the Document, the typed records, word-list
compilation and the bundled data files."""
