-- Version 11: search finds replies. Each message's subject, text and attachments' text (a PDF
-- or Word letter read at import) as one row of stored, GIN-indexed words per message, with
-- its campaign (none while it waits to be filed), kept in step by triggers running as the
-- schema's owner, as the answers' and findings' words are.
CREATE TABLE mail_fts (
    id          BIGINT PRIMARY KEY,
    campaign_id BIGINT,
    words       tsvector NOT NULL
);
CREATE INDEX mail_fts_words ON mail_fts USING gin (words) WITH (fastupdate = off);
CREATE INDEX mail_fts_campaign ON mail_fts (campaign_id, id);

CREATE FUNCTION foiboard_mail_fts() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
DECLARE
    message BIGINT;
BEGIN
    IF TG_TABLE_NAME = 'messages' THEN
        message := CASE WHEN TG_OP = 'DELETE' THEN OLD.id ELSE NEW.id END;
    ELSE
        message := CASE WHEN TG_OP = 'DELETE' THEN OLD.message_id ELSE NEW.message_id END;
    END IF;
    DELETE FROM mail_fts WHERE id = message;
    INSERT INTO mail_fts (id, campaign_id, words)
    SELECT m.id, r.campaign_id,
           to_tsvector('public.foiboard_english',
                       m.subject || ' ' || m.body || ' ' ||
                       coalesce((SELECT string_agg(a.text, ' ' ORDER BY a.id)
                                 FROM attachments a WHERE a.message_id = m.id), ''))
    FROM messages m LEFT JOIN requests r ON r.id = m.request_id
    WHERE m.id = message;
    RETURN NULL;
END $$;

CREATE TRIGGER mail_fts_sync AFTER INSERT OR DELETE OR UPDATE OF subject, body, request_id ON messages
    FOR EACH ROW EXECUTE FUNCTION foiboard_mail_fts();
CREATE TRIGGER attachments_fts_sync AFTER INSERT OR DELETE OR UPDATE OF text ON attachments
    FOR EACH ROW EXECUTE FUNCTION foiboard_mail_fts();

INSERT INTO mail_fts (id, campaign_id, words)
    SELECT m.id, r.campaign_id,
           to_tsvector('public.foiboard_english',
                       m.subject || ' ' || m.body || ' ' ||
                       coalesce((SELECT string_agg(a.text, ' ' ORDER BY a.id)
                                 FROM attachments a WHERE a.message_id = m.id), ''))
    FROM messages m LEFT JOIN requests r ON r.id = m.request_id;
