-- Correspondence: messages imported from email, matched to requests (or waiting, unmatched,
-- for someone to assign), with the event they suggest and their attachments. An event brought
-- in by an importer remembers where it came from (`source`), so importing the same thing
-- twice never records it twice.

ALTER TABLE events ADD COLUMN source TEXT NOT NULL DEFAULT '';
CREATE UNIQUE INDEX events_source ON events(request_id, source) WHERE source <> '';

CREATE TABLE messages (
    id          INTEGER PRIMARY KEY,
    -- The Message-ID header, or a digest of the message when it has none.
    message_id  TEXT NOT NULL UNIQUE,
    request_id  INTEGER REFERENCES requests(id) ON DELETE SET NULL,
    -- How the request was found ('reference FOI-12', 'sender', 'assigned by ann'...), or why not.
    matched_by  TEXT NOT NULL DEFAULT '',
    sender      TEXT NOT NULL DEFAULT '',
    sender_name TEXT NOT NULL DEFAULT '',
    subject     TEXT NOT NULL DEFAULT '',
    -- The day it was sent, in Europe/London, and the instant, in UTC.
    sent_on     TEXT NOT NULL,
    sent_at     TEXT NOT NULL DEFAULT '',
    body        TEXT NOT NULL DEFAULT '',
    -- The event the message suggests, and what became of the suggestion.
    proposed    TEXT NOT NULL DEFAULT '',
    proposal    TEXT NOT NULL DEFAULT 'open' CHECK (proposal IN ('open', 'accepted', 'dismissed')),
    source      TEXT NOT NULL DEFAULT '',
    author      TEXT NOT NULL,
    imported_at TEXT NOT NULL
);
CREATE INDEX messages_request ON messages(request_id);

CREATE TABLE attachments (
    id           INTEGER PRIMARY KEY,
    message_id   INTEGER NOT NULL REFERENCES messages(id) ON DELETE CASCADE,
    name         TEXT NOT NULL,
    content_type TEXT NOT NULL DEFAULT '',
    size         INTEGER NOT NULL,
    sha256       TEXT NOT NULL,
    -- Where the file is kept, relative to the attachments folder beside the database.
    path         TEXT NOT NULL
);
CREATE INDEX attachments_message ON attachments(message_id);
