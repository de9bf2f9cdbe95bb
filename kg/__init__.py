"""fazhi-kg: Chinese rule-of-law government reports → a knowledge graph of institutions,
cited regulations, oversight and duties, with evidence for every fact."""

__version__ = "0.1.0"
