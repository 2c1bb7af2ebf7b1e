-- Version 11: search finds replies. Each message's subject, its text and its attachments'
-- text (a PDF or Word letter read at import) in one full-text row per message, kept in step by
-- triggers so every write path (import, `mail read`, undo) indexes alike. The row stores its
-- own text: it is what a search's excerpt is cut from.
CREATE VIRTUAL TABLE mail_fts USING fts5(
    subject, text,
    tokenize = 'porter unicode61 remove_diacritics 2'
);

CREATE TRIGGER mail_fts_insert AFTER INSERT ON messages BEGIN
    INSERT INTO mail_fts (rowid, subject, text) VALUES (new.id, new.subject, new.body);
END;
CREATE TRIGGER mail_fts_delete AFTER DELETE ON messages BEGIN
    DELETE FROM mail_fts WHERE rowid = old.id;
END;
CREATE TRIGGER mail_fts_update AFTER UPDATE OF subject, body ON messages BEGIN
    UPDATE mail_fts SET subject = new.subject,
        text = new.body || coalesce((SELECT char(10) || group_concat(a.text, char(10))
                                     FROM attachments a WHERE a.message_id = new.id), '')
    WHERE rowid = new.id;
END;
CREATE TRIGGER mail_fts_attachment_insert AFTER INSERT ON attachments BEGIN
    UPDATE mail_fts SET text = text || char(10) || new.text WHERE rowid = new.message_id;
END;
CREATE TRIGGER mail_fts_attachment_update AFTER UPDATE OF text ON attachments BEGIN
    UPDATE mail_fts SET
        text = (SELECT m.body FROM messages m WHERE m.id = new.message_id)
            || coalesce((SELECT char(10) || group_concat(a.text, char(10))
                         FROM attachments a WHERE a.message_id = new.message_id), '')
    WHERE rowid = new.message_id;
END;
CREATE TRIGGER mail_fts_attachment_delete AFTER DELETE ON attachments BEGIN
    UPDATE mail_fts SET
        text = (SELECT m.body FROM messages m WHERE m.id = old.message_id)
            || coalesce((SELECT char(10) || group_concat(a.text, char(10))
                         FROM attachments a WHERE a.message_id = old.message_id), '')
    WHERE rowid = old.message_id;
END;

INSERT INTO mail_fts (rowid, subject, text)
    SELECT m.id, m.subject,
           m.body || coalesce((SELECT char(10) || group_concat(a.text, char(10))
                               FROM attachments a WHERE a.message_id = m.id), '')
    FROM messages m;
