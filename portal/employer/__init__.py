"""The employer's online service (单位网上服务)."""
