"""Backups of the database and the uploaded material, their retention, and the drill that proves they restore."""
