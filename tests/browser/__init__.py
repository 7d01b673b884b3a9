"""Journeys in headless Chromium against the live server."""
