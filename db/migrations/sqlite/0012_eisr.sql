-- Version 12: the Scottish EIRs are a regime of their own ('eisr'). A body's and a request's
-- regime CHECK takes the new word. SQLite cannot alter a CHECK, and rebuilding `bodies` or
-- `requests` would cascade into their children, so the migration (store/migrate.rs) widens
-- the two CHECKs in the schema text itself, SQLite's documented way to loosen a constraint
-- every stored row already meets, then checks the database's integrity.
SELECT 1;
