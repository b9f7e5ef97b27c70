"""The article model: parsing, validation, scoring, dates and slugs (no MkDocs imports)."""
