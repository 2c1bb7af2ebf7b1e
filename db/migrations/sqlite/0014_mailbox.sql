-- Version 14: the group's mailbox, read over IMAP. For each mailbox and folder, the folder's
-- UIDVALIDITY and the highest UID read: the next fetch reads only what came after, and a
-- folder whose UIDVALIDITY changed is read again from the start (each message still imported
-- once, by its Message-ID). Not part of the history: undoing an import does not make the
-- mailbox's messages new again (`mail fetch --again` does).
CREATE TABLE mail_folders (
    account     TEXT NOT NULL,
    folder      TEXT NOT NULL,
    uidvalidity INTEGER NOT NULL,
    last_uid    INTEGER NOT NULL,
    fetched_at  TEXT NOT NULL,
    PRIMARY KEY (account, folder)
);
-- On a group's server attachments' bytes are kept in the database; a file keeps them in its
-- data folder and leaves this table empty (it is here so both engines have one schema, and
-- `copy` has a place to carry them).
CREATE TABLE attachment_bytes (
    sha256 TEXT PRIMARY KEY,
    bytes  BLOB NOT NULL
);
