"""Staff pages of employment services (namespace "employment")."""
