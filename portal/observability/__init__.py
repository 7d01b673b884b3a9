"""Observability: JSON logs with a request id, Prometheus metrics at /metrics, Sentry when configured."""
