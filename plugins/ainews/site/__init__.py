"""URLs, generated pages and feeds of the built site."""
