"""Indexes built once per build from the validated articles."""
