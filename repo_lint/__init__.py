"""repo-lint: consistency checks for 'one folder per model' Python libraries."""

__version__ = "0.1.0"
