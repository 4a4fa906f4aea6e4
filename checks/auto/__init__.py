"""AUT: auto mappings and model registration."""
