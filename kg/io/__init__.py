"""Reading report files of every format into decoded text (:class:`RawReport`)."""
from kg.io.readers import READERS, RawReport, ReadError, iter_report_paths, read_text

__all__ = ["READERS", "RawReport", "ReadError", "iter_report_paths", "read_text"]
