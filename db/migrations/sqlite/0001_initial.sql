-- The first schema. Derived values (status, due dates) are not stored: the law module computes
-- them from events every time.

CREATE TABLE bodies (
    id                INTEGER PRIMARY KEY,
    ods_code          TEXT NOT NULL UNIQUE,
    name              TEXT NOT NULL,
    short_name        TEXT NOT NULL,
    kind              TEXT NOT NULL,
    region            TEXT NOT NULL DEFAULT '',
    nation            TEXT NOT NULL,
    icb_code          TEXT NOT NULL DEFAULT '',
    icb_name          TEXT NOT NULL DEFAULT '',
    epr_supplier      TEXT NOT NULL DEFAULT '',
    foi_email         TEXT NOT NULL DEFAULT '',
    wdtk_url_name     TEXT NOT NULL DEFAULT '',
    predecessor_codes TEXT NOT NULL DEFAULT '',
    regime            TEXT NOT NULL CHECK (regime IN ('foia', 'eir', 'foisa'))
);

CREATE TABLE campaigns (
    id         INTEGER PRIMARY KEY,
    slug       TEXT NOT NULL UNIQUE,
    title      TEXT NOT NULL,
    created_at TEXT NOT NULL
);

CREATE TABLE questions (
    id          INTEGER PRIMARY KEY,
    campaign_id INTEGER NOT NULL REFERENCES campaigns(id) ON DELETE CASCADE,
    number      INTEGER NOT NULL,
    text        TEXT NOT NULL,
    UNIQUE (campaign_id, number)
);

CREATE TABLE requests (
    id          INTEGER PRIMARY KEY,
    campaign_id INTEGER NOT NULL REFERENCES campaigns(id),
    body_id     INTEGER NOT NULL REFERENCES bodies(id),
    reference   TEXT NOT NULL DEFAULT '',
    regime      TEXT CHECK (regime IS NULL OR regime IN ('foia', 'eir', 'foisa')),
    wdtk_url    TEXT NOT NULL DEFAULT '',
    created_at  TEXT NOT NULL,
    UNIQUE (campaign_id, body_id)
);
CREATE INDEX requests_body ON requests(body_id);

CREATE TABLE events (
    id         INTEGER PRIMARY KEY,
    request_id INTEGER NOT NULL REFERENCES requests(id) ON DELETE CASCADE,
    kind       TEXT NOT NULL CHECK (kind IN ('sent', 'acknowledged', 'clarification-requested',
               'clarified', 'fee-notice', 'fee-paid', 'extended', 'responded', 'review-requested',
               'review-responded', 'ico-complaint', 'ico-decision', 'withdrawn', 'note')),
    on_date    TEXT NOT NULL,
    until_date TEXT,
    reference  TEXT NOT NULL DEFAULT '',
    outcome    TEXT NOT NULL DEFAULT '',
    note       TEXT NOT NULL DEFAULT '',
    author     TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX events_request ON events(request_id, on_date, id);

CREATE TABLE answers (
    id          INTEGER PRIMARY KEY,
    request_id  INTEGER NOT NULL REFERENCES requests(id) ON DELETE CASCADE,
    question_id INTEGER NOT NULL REFERENCES questions(id),
    outcome     TEXT NOT NULL,
    exemptions  TEXT NOT NULL DEFAULT '',
    text        TEXT NOT NULL DEFAULT '',
    author      TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    UNIQUE (request_id, question_id)
);
CREATE INDEX answers_question ON answers(question_id);

CREATE TABLE tags (
    id      INTEGER PRIMARY KEY,
    name    TEXT NOT NULL UNIQUE,
    colour  TEXT NOT NULL DEFAULT '',
    meaning TEXT NOT NULL DEFAULT '',
    retired INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE findings (
    id         INTEGER PRIMARY KEY,
    answer_id  INTEGER NOT NULL REFERENCES answers(id) ON DELETE CASCADE,
    note       TEXT NOT NULL DEFAULT '',
    quote      TEXT NOT NULL DEFAULT '',
    author     TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX findings_answer ON findings(answer_id);

CREATE TABLE finding_tags (
    id         INTEGER PRIMARY KEY,
    finding_id INTEGER NOT NULL REFERENCES findings(id) ON DELETE CASCADE,
    tag_id     INTEGER NOT NULL REFERENCES tags(id),
    UNIQUE (finding_id, tag_id)
);
CREATE INDEX finding_tags_tag ON finding_tags(tag_id);

-- Holidays by origin: 'published' (GOV.UK files; the years they cover are not generated),
-- 'proclaimed' (one-offs since), 'user'. Removals strike a day out of every origin.
CREATE TABLE holidays (
    id       INTEGER PRIMARY KEY,
    date     TEXT NOT NULL,
    division TEXT NOT NULL CHECK (division IN ('england-and-wales', 'scotland', 'northern-ireland')),
    title    TEXT NOT NULL,
    origin   TEXT NOT NULL CHECK (origin IN ('published', 'proclaimed', 'user')),
    UNIQUE (date, division, origin)
);

CREATE TABLE holiday_removals (
    id       INTEGER PRIMARY KEY,
    date     TEXT NOT NULL,
    division TEXT NOT NULL,
    UNIQUE (date, division)
);

CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

-- The history that makes undo possible: each change is a list of row images before and after.
CREATE TABLE changes (
    id      INTEGER PRIMARY KEY,
    at      TEXT NOT NULL,
    author  TEXT NOT NULL,
    summary TEXT NOT NULL,
    undone  INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE change_rows (
    id        INTEGER PRIMARY KEY,
    change_id INTEGER NOT NULL REFERENCES changes(id) ON DELETE CASCADE,
    seq       INTEGER NOT NULL,
    tbl       TEXT NOT NULL,
    row_id    INTEGER NOT NULL,
    before    TEXT,
    after     TEXT
);
CREATE INDEX change_rows_change ON change_rows(change_id, seq);
