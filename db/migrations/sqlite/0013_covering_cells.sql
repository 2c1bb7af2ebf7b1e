-- Version 13: on a server, a campaign's matrix and export join its answers to their findings
-- through indexes that now carry each row's id. SQLite's indexes carry the row id already,
-- so nothing changes in a file.
SELECT 1;
