"""The criteria of each business as a list of checks (workflow.registry.Check): each passed or failed, blocking
or a prompt, with the data behind it. The catalogue's checks and the services' own guards both use them."""
