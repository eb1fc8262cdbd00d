"""A series: one template and a table of rows -> a verified sheet per row, in parallel."""

# How a sheet of a series is named when --name is not given.
DEFAULT_NAME = "{{ subtitle | slug }}.pdf"
