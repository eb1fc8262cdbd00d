"""Tagging, in one place: marked content while drawing, the structure tree, PDF/UA and XMP."""
