"""resolve/places stage."""
