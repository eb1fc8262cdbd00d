"""Stage 5: read a PDF back and prove every figure is on the page; preflight any PDF."""
