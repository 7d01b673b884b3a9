"""The inter-department data-exchange API at /api/v1/ (django-ninja; OpenAPI schema at /api/v1/schema/)."""
