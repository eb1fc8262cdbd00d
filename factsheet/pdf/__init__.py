"""Stage 4: draw a PageLayout into PDF bytes, tag it, and write files atomically."""
