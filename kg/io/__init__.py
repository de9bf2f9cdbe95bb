"""Reading report files of every format into :class:`~kg.core.doc.Document` objects."""
from kg.io.readers import READERS, ReadError, iter_report_paths, read_report

__all__ = ["READERS", "ReadError", "iter_report_paths", "read_report"]
