"""resolve/time stage."""
