"""Real-browser tests (Debian Chromium through Playwright)."""
