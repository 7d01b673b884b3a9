"""The resident's online service (个人网上服务)."""
