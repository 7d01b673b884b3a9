"""Staff screens of social insurance and the public statement verification, by topic."""
