"""The access log (who in the bureau read which person's record): one service writes it, selectors read it for
the resident, the admin and the office head, and a rule says what reading is unusual."""
