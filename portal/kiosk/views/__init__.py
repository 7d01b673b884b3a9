"""Views of the self-service kiosk, by topic: starting and ending a session, personal business, the hall's."""
