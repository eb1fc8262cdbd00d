"""Layout quality: the one measure of a laid-out page (see measure.py)."""
