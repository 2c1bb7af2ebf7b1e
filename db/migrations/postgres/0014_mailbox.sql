-- Version 14: the group's mailbox, read over IMAP. For each mailbox and folder, the folder's
-- UIDVALIDITY and the highest UID read: the next fetch reads only what came after, and a
-- folder whose UIDVALIDITY changed is read again from the start (each message still imported
-- once, by its Message-ID). Not part of the history: undoing an import does not make the
-- mailbox's messages new again (`mail fetch --again` does).
CREATE TABLE mail_folders (
    account     TEXT NOT NULL,
    folder      TEXT NOT NULL,
    uidvalidity BIGINT NOT NULL,
    last_uid    BIGINT NOT NULL,
    fetched_at  TEXT NOT NULL,
    PRIMARY KEY (account, folder)
);
-- An attachment's bytes, kept in the group's database so a member on another laptop opens the
-- letter a colleague fetched (a file keeps them in its data folder). Named by their digest and
-- checked against it by the server: a member cannot put other bytes under a letter's name,
-- and members may add bytes but never change or remove them.
CREATE TABLE attachment_bytes (
    sha256 TEXT PRIMARY KEY CHECK (sha256 = pg_catalog.encode(pg_catalog.sha256(bytes), 'hex')),
    bytes  BYTEA NOT NULL
);
