"""extract stage: Context -> Event (classification, arguments, fatalities, codes)."""
from warmonitor.extract.classify import Classification, classify

__all__ = ["Classification", "classify"]
