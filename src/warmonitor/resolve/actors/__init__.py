"""resolve/actors stage."""
