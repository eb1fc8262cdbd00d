"""Stage 3: choose and fit: (Sheet, Theme) -> a PageLayout of placed pieces on one page."""
