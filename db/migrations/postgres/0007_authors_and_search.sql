-- Who wrote what is the server's word, not the client's. On a group's server, a member's
-- session may claim any author in what it sends, and may ask for any role its login can
-- take (`options=-c role=...`); `session_user` is the login that signed in and cannot be
-- changed by the session. So every row that names its author is stamped with it here.
--
-- The owner of the tables (the group's NOLOGIN owner role, which `server init` and
-- `server upgrade` act as, or the one login that owns a database of its own) keeps the
-- authors it writes: that is how `copy` moves a history with its authors intact. Members
-- are never members of the owner role.
--
-- Both functions pin their search_path, so nothing a session puts first can stand in for
-- what they call.

CREATE FUNCTION foiboard_author() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog AS $$
BEGIN
    IF NOT pg_has_role(session_user,
                       (SELECT c.relowner FROM pg_class c WHERE c.oid = TG_RELID), 'MEMBER') THEN
        IF TG_OP = 'INSERT' OR NEW.author IS DISTINCT FROM OLD.author THEN
            NEW.author := session_user;
        END IF;
    END IF;
    RETURN NEW;
END $$;

CREATE TRIGGER events_author BEFORE INSERT OR UPDATE ON events
    FOR EACH ROW EXECUTE FUNCTION foiboard_author();
CREATE TRIGGER answers_author BEFORE INSERT OR UPDATE ON answers
    FOR EACH ROW EXECUTE FUNCTION foiboard_author();
CREATE TRIGGER findings_author BEFORE INSERT OR UPDATE ON findings
    FOR EACH ROW EXECUTE FUNCTION foiboard_author();
CREATE TRIGGER messages_author BEFORE INSERT OR UPDATE ON messages
    FOR EACH ROW EXECUTE FUNCTION foiboard_author();
CREATE TRIGGER changes_author BEFORE INSERT OR UPDATE ON changes
    FOR EACH ROW EXECUTE FUNCTION foiboard_author();

-- A change's row images are written by the change's author only: nobody adds rows to a
-- colleague's change, which undo would then replay in the colleague's name.
CREATE FUNCTION foiboard_history_rows() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, public AS $$
BEGIN
    IF NOT pg_has_role(session_user,
                       (SELECT c.relowner FROM pg_class c WHERE c.oid = TG_RELID), 'MEMBER')
       AND NOT EXISTS (SELECT 1 FROM changes ch
                       WHERE ch.id = NEW.change_id AND ch.author = session_user) THEN
        RAISE EXCEPTION 'the rows of change % are written by its author only', NEW.change_id
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN NEW;
END $$;

CREATE TRIGGER change_rows_author BEFORE INSERT ON change_rows
    FOR EACH ROW EXECUTE FUNCTION foiboard_history_rows();

-- Search: each answer's and finding's words, stored once with a GIN index on them, as
-- SQLite's FTS5 tables keep them, with the campaign they belong to. Ranking then reads the
-- stored words rather than parsing every matching letter again (that made a search on a
-- national dataset cost 330-410 ms against 20 ms on the file). The tables are the owner's,
-- kept by triggers that run with the owner's rights: members read them and never write them.
-- The GIN indexes are kept current on every write (fastupdate off): a pending list of
-- unindexed rows is what a campaign's import leaves, and the planner then scans the table
-- rather than trust the index.
DROP INDEX answers_fts;
DROP INDEX findings_fts;

CREATE TABLE answers_fts (
    id          BIGINT PRIMARY KEY,
    campaign_id BIGINT NOT NULL,
    words       tsvector NOT NULL
);
CREATE INDEX answers_fts_words ON answers_fts USING gin (words) WITH (fastupdate = off);
CREATE INDEX answers_fts_campaign ON answers_fts (campaign_id, id);

CREATE TABLE findings_fts (
    id          BIGINT PRIMARY KEY,
    campaign_id BIGINT NOT NULL,
    words       tsvector NOT NULL
);
CREATE INDEX findings_fts_words ON findings_fts USING gin (words) WITH (fastupdate = off);
CREATE INDEX findings_fts_campaign ON findings_fts (campaign_id, id);

CREATE FUNCTION foiboard_answers_fts() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        DELETE FROM answers_fts WHERE id = OLD.id;
        RETURN OLD;
    END IF;
    INSERT INTO answers_fts (id, campaign_id, words)
    VALUES (NEW.id, (SELECT r.campaign_id FROM requests r WHERE r.id = NEW.request_id),
            to_tsvector('public.foiboard_english', NEW.text))
    ON CONFLICT (id) DO UPDATE SET words = EXCLUDED.words, campaign_id = EXCLUDED.campaign_id;
    RETURN NEW;
END $$;

CREATE FUNCTION foiboard_findings_fts() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        DELETE FROM findings_fts WHERE id = OLD.id;
        RETURN OLD;
    END IF;
    INSERT INTO findings_fts (id, campaign_id, words)
    VALUES (NEW.id,
            (SELECT r.campaign_id FROM answers a JOIN requests r ON r.id = a.request_id
             WHERE a.id = NEW.answer_id),
            to_tsvector('public.foiboard_english', NEW.note || ' ' || NEW.quote))
    ON CONFLICT (id) DO UPDATE SET words = EXCLUDED.words, campaign_id = EXCLUDED.campaign_id;
    RETURN NEW;
END $$;

CREATE TRIGGER answers_fts_sync AFTER INSERT OR DELETE OR UPDATE OF text, request_id ON answers
    FOR EACH ROW EXECUTE FUNCTION foiboard_answers_fts();
CREATE TRIGGER findings_fts_sync AFTER INSERT OR DELETE OR UPDATE OF note, quote, answer_id ON findings
    FOR EACH ROW EXECUTE FUNCTION foiboard_findings_fts();

INSERT INTO answers_fts (id, campaign_id, words)
    SELECT a.id, r.campaign_id, to_tsvector('public.foiboard_english', a.text)
    FROM answers a JOIN requests r ON r.id = a.request_id;
INSERT INTO findings_fts (id, campaign_id, words)
    SELECT f.id, r.campaign_id, to_tsvector('public.foiboard_english', f.note || ' ' || f.quote)
    FROM findings f JOIN answers a ON a.id = f.answer_id JOIN requests r ON r.id = a.request_id;
