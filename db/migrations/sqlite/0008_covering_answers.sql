-- Version 8 makes a group server's answers index carry each answer's id (under postgres/).
-- SQLite's indexes carry the row id already: nothing changes here, and the number keeps both
-- engines' schema versions in step.
SELECT 1;
