-- Version 10: what a reply proposes for each question (outcome, exemptions, the words it rests
-- on, how sure), kept apart from the answers: nothing counts a proposal as answered, refused or
-- cited. A member's decision on the question's answer takes it away, in the same change.
CREATE TABLE proposals (
    id          INTEGER PRIMARY KEY,
    request_id  INTEGER NOT NULL REFERENCES requests(id) ON DELETE CASCADE,
    question_id INTEGER NOT NULL REFERENCES questions(id),
    outcome     TEXT NOT NULL,
    exemptions  TEXT NOT NULL DEFAULT '',
    evidence    TEXT NOT NULL DEFAULT '',
    confidence  REAL NOT NULL,
    message_id  INTEGER REFERENCES messages(id) ON DELETE SET NULL,
    created_at  TEXT NOT NULL,
    UNIQUE (request_id, question_id)
);
