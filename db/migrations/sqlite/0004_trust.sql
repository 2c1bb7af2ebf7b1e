-- Settings become ordinary rows with an id, so a group setting (the counting convention) is
-- written through the recorded write like every other change: attributed and undoable.
-- Undo looks up which later change wrote a row that depends on the one it would delete, so the
-- history is indexed by row as well as by change.

CREATE TABLE settings_new (
    id    INTEGER PRIMARY KEY,
    key   TEXT NOT NULL UNIQUE,
    value TEXT NOT NULL
);
INSERT INTO settings_new (key, value) SELECT key, value FROM settings;
DROP TABLE settings;
ALTER TABLE settings_new RENAME TO settings;

CREATE INDEX change_rows_row ON change_rows(tbl, row_id);
