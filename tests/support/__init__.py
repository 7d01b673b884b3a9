"""Helpers shared by the suite-wide checks (the fuzzing, the crawl): log in as each demo role, list the pages with
the ids of demo objects, read the forms and links of a page, fingerprint the database."""
