"""The local web editor: edit a content file in the browser beside a live, verified preview."""
