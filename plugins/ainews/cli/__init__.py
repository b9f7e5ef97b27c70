"""`ainews`: the editors' command-line tool (new, check, schema, stats)."""
