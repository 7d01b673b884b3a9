"""Pure social-insurance policy: no database, exhaustively tested."""
