"""factsheet: YAML content + a theme -> a branded, verified, one-page PDF fact sheet."""

__version__ = "0.1.0"
