"""How far to trust the graph: extractions scored against hand annotations (``kg eval``),
with the rules of the reference scorer ``eval/score.py``."""
from kg.eval.scoring import load_gold, load_predictions, report_errors, score, table_lines

__all__ = ["load_gold", "load_predictions", "report_errors", "score", "table_lines"]
