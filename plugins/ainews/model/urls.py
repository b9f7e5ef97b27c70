"""Checks on URLs that come from editors."""

from __future__ import annotations

from urllib.parse import urlsplit


def is_web_url(value: str) -> bool:
    """True for an absolute http(s) URL with a host and no whitespace or control characters."""
    if any(ch.isspace() or ord(ch) < 32 for ch in value):
        return False
    try:
        parts = urlsplit(value)
    except ValueError:
        return False
    return parts.scheme in ("http", "https") and bool(parts.hostname) and not has_credentials(value)


def has_credentials(value: str) -> bool:
    """True for a URL carrying a user name or password (``https://admin:hunter2@host/``):
    published, it would hand them to every reader."""
    try:
        parts = urlsplit(value)
    except ValueError:
        return False
    return parts.username is not None or parts.password is not None
