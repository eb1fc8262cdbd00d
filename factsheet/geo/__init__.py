"""Reference geography for maps: the US states and each state's counties, shipped small.

Source: US Census Bureau, 2016 cartographic boundary files (1:500,000), public domain;
projected (Albers equal-area) and simplified by tools/make_map_geometry.py.
"""
