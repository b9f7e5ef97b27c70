"""Rendering article bodies to HTML: in parallel, cached by content hash."""
