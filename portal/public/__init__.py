"""The public site: home page, language switch and health check."""
