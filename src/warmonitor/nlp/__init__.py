"""spaCy loading and annotation."""
from warmonitor.nlp.loader import load_nlp

__all__ = ["load_nlp"]
