-- Avain schema, version 4: the tender calendar. A tender belongs to its buyer (an account); its milestones are
-- planned from a template per procedure and then adjusted by hand; lots say what is bought; a document checklist
-- and the people linked to it follow; every status change is kept with its date and note.

CREATE TABLE tenders (
    id                   INTEGER PRIMARY KEY,
    buyer_id             INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    title                TEXT NOT NULL,
    procedure            TEXT NOT NULL,
    reference            TEXT NOT NULL DEFAULT '',
    expected_announcement TEXT,
    status               TEXT NOT NULL DEFAULT 'watching',
    award_date           TEXT,
    winner               TEXT NOT NULL DEFAULT '',
    winning_price_minor  INTEGER,
    loss_reason          TEXT NOT NULL DEFAULT '',
    owner                TEXT NOT NULL DEFAULT '',
    notes                TEXT NOT NULL DEFAULT '',
    source               TEXT NOT NULL DEFAULT 'user',
    created_at           TEXT NOT NULL,
    updated_at           TEXT NOT NULL
);
CREATE INDEX tenders_buyer ON tenders(buyer_id);

CREATE TABLE tender_lots (
    id               INTEGER PRIMARY KEY,
    tender_id        INTEGER NOT NULL REFERENCES tenders(id) ON DELETE CASCADE,
    position         INTEGER NOT NULL,
    sku_id           INTEGER REFERENCES skus(id) ON DELETE SET NULL,
    inn              TEXT NOT NULL DEFAULT '',
    form             TEXT NOT NULL DEFAULT '',
    quantity         REAL NOT NULL,
    max_price_minor  INTEGER,
    our_price_minor  INTEGER,
    competitor_bids  TEXT NOT NULL DEFAULT '[]'    -- JSON: [{"company": "...", "price_minor": 123}]
);
CREATE INDEX tender_lots_tender ON tender_lots(tender_id);

-- `revision` grows with every change of the date, so a re-exported calendar event updates the client's copy.
CREATE TABLE tender_milestones (
    id          INTEGER PRIMARY KEY,
    tender_id   INTEGER NOT NULL REFERENCES tenders(id) ON DELETE CASCADE,
    kind        TEXT NOT NULL,
    date        TEXT NOT NULL,
    done        INTEGER NOT NULL DEFAULT 0,
    moved       INTEGER NOT NULL DEFAULT 0,
    revision    INTEGER NOT NULL DEFAULT 0,
    updated_at  TEXT NOT NULL,
    UNIQUE (tender_id, kind)
);
CREATE INDEX tender_milestones_date ON tender_milestones(date);

CREATE TABLE tender_documents (
    id         INTEGER PRIMARY KEY,
    tender_id  INTEGER NOT NULL REFERENCES tenders(id) ON DELETE CASCADE,
    name       TEXT NOT NULL,
    due        TEXT,
    done       INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX tender_documents_tender ON tender_documents(tender_id);

CREATE TABLE tender_people (
    tender_id  INTEGER NOT NULL REFERENCES tenders(id) ON DELETE CASCADE,
    person_id  INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    role       TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (tender_id, person_id)
);

CREATE TABLE tender_status_history (
    id         INTEGER PRIMARY KEY,
    tender_id  INTEGER NOT NULL REFERENCES tenders(id) ON DELETE CASCADE,
    status     TEXT NOT NULL,
    at         TEXT NOT NULL,
    note       TEXT NOT NULL DEFAULT ''
);
CREATE INDEX tender_status_history_tender ON tender_status_history(tender_id);

-- Plan templates edited in Settings, per procedure (JSON steps); a procedure without a row uses the built-in one.
CREATE TABLE tender_templates (
    procedure  TEXT PRIMARY KEY,
    steps      TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
