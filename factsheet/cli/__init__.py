"""The command line: the only place that prints and turns problems into exit codes."""
