"""Pure policy of employment services (no database): ages, difficulty categories, benefit, subsidies, funds."""
