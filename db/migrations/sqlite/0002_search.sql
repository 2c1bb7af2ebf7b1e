-- Full-text search over answer texts and findings (notes and quotes), kept in step with their
-- tables by triggers so every write path (board, command line, undo, import) indexes alike.
-- External-content tables: the text is stored once, in answers and findings.
-- Porter stemming lets "refuse" find "refused"; diacritics are folded.

CREATE VIRTUAL TABLE answers_fts USING fts5(
    text, content = 'answers', content_rowid = 'id',
    tokenize = 'porter unicode61 remove_diacritics 2'
);
CREATE VIRTUAL TABLE findings_fts USING fts5(
    note, quote, content = 'findings', content_rowid = 'id',
    tokenize = 'porter unicode61 remove_diacritics 2'
);

CREATE TRIGGER answers_fts_insert AFTER INSERT ON answers BEGIN
    INSERT INTO answers_fts (rowid, text) VALUES (new.id, new.text);
END;
CREATE TRIGGER answers_fts_delete AFTER DELETE ON answers BEGIN
    INSERT INTO answers_fts (answers_fts, rowid, text) VALUES ('delete', old.id, old.text);
END;
CREATE TRIGGER answers_fts_update AFTER UPDATE OF text ON answers BEGIN
    INSERT INTO answers_fts (answers_fts, rowid, text) VALUES ('delete', old.id, old.text);
    INSERT INTO answers_fts (rowid, text) VALUES (new.id, new.text);
END;

CREATE TRIGGER findings_fts_insert AFTER INSERT ON findings BEGIN
    INSERT INTO findings_fts (rowid, note, quote) VALUES (new.id, new.note, new.quote);
END;
CREATE TRIGGER findings_fts_delete AFTER DELETE ON findings BEGIN
    INSERT INTO findings_fts (findings_fts, rowid, note, quote)
        VALUES ('delete', old.id, old.note, old.quote);
END;
CREATE TRIGGER findings_fts_update AFTER UPDATE OF note, quote ON findings BEGIN
    INSERT INTO findings_fts (findings_fts, rowid, note, quote)
        VALUES ('delete', old.id, old.note, old.quote);
    INSERT INTO findings_fts (rowid, note, quote) VALUES (new.id, new.note, new.quote);
END;

INSERT INTO answers_fts (answers_fts) VALUES ('rebuild');
INSERT INTO findings_fts (findings_fts) VALUES ('rebuild');

