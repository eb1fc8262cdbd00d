"""Stage 1: a content file (YAML) -> a typed, frozen Sheet, with every problem located."""
