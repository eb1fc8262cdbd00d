"""Stage 2: the brand: a theme file (with extends:) -> a frozen Theme, its fonts and logo."""
