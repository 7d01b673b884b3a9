"""The self-service kiosk (自助终端) in the halls."""
