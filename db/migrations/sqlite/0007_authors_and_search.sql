-- Version 7 makes a group server's rows carry the author the server knows and keeps its
-- search words in tables of their own (its triggers, under postgres/). A file has one
-- person's history and FTS5 tables already: nothing changes here, and the number keeps both
-- engines' schema versions in step.
SELECT 1;
