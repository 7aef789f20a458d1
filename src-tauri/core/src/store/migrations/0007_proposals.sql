-- Avain schema, version 7: commercial proposals. A proposal belongs to an account (optionally a tender), speaks to
-- an audience chosen from the account's decision group, holds sections (texts with {{variables}}) and offer items,
-- and is followed up by dated tasks. A sent version is kept frozen as the document it printed.

CREATE TABLE proposals (
    id                  INTEGER PRIMARY KEY,
    account_id          INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    tender_id           INTEGER REFERENCES tenders(id) ON DELETE SET NULL,
    title               TEXT NOT NULL,
    language            TEXT NOT NULL DEFAULT 'en',
    currency            TEXT NOT NULL DEFAULT 'EUR',
    validity_date       TEXT,
    delivery_terms      TEXT NOT NULL DEFAULT '',
    payment_terms_days  INTEGER CHECK (payment_terms_days IS NULL OR payment_terms_days >= 0),
    status              TEXT NOT NULL DEFAULT 'draft',
    version             INTEGER NOT NULL DEFAULT 1,
    -- The version that was sent and is frozen; NULL while the current version is being edited.
    frozen_version      INTEGER,
    sent_date           TEXT,
    receipt_date        TEXT,
    negotiation_date    TEXT,
    decision_date       TEXT,
    -- The audience's decision styles when the proposal was (last) sent, e.g. 'analytical+executive'.
    style_mix           TEXT NOT NULL DEFAULT '',
    notes               TEXT NOT NULL DEFAULT '',
    source              TEXT NOT NULL DEFAULT 'user',
    created_at          TEXT NOT NULL,
    updated_at          TEXT NOT NULL
);
CREATE INDEX proposals_account ON proposals(account_id);
CREATE INDEX proposals_status ON proposals(status, validity_date);

CREATE TABLE proposal_audience (
    proposal_id  INTEGER NOT NULL REFERENCES proposals(id) ON DELETE CASCADE,
    person_id    INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    PRIMARY KEY (proposal_id, person_id)
) WITHOUT ROWID;

CREATE TABLE proposal_sections (
    id           INTEGER PRIMARY KEY,
    proposal_id  INTEGER NOT NULL REFERENCES proposals(id) ON DELETE CASCADE,
    position     INTEGER NOT NULL,
    kind         TEXT NOT NULL,
    title        TEXT NOT NULL,
    body         TEXT NOT NULL DEFAULT '',
    included     INTEGER NOT NULL DEFAULT 1,
    -- The library block the text was taken from (its referee is printed with it).
    block_id     INTEGER REFERENCES proposal_blocks(id) ON DELETE SET NULL
);
CREATE INDEX proposal_sections_proposal ON proposal_sections(proposal_id, position);

CREATE TABLE proposal_items (
    id                INTEGER PRIMARY KEY,
    proposal_id       INTEGER NOT NULL REFERENCES proposals(id) ON DELETE CASCADE,
    position          INTEGER NOT NULL,
    sku_id            INTEGER NOT NULL REFERENCES skus(id),
    quantity          INTEGER NOT NULL CHECK (quantity > 0),
    list_price_minor  INTEGER NOT NULL CHECK (list_price_minor >= 0),
    discount_label    TEXT NOT NULL DEFAULT '',
    discount_bp       INTEGER NOT NULL DEFAULT 0 CHECK (discount_bp BETWEEN 0 AND 10000),
    vat_bp            INTEGER NOT NULL DEFAULT 1400 CHECK (vat_bp BETWEEN 0 AND 10000)
);
CREATE INDEX proposal_items_proposal ON proposal_items(proposal_id, position);

CREATE TABLE proposal_team (
    id           INTEGER PRIMARY KEY,
    proposal_id  INTEGER NOT NULL REFERENCES proposals(id) ON DELETE CASCADE,
    position     INTEGER NOT NULL,
    name         TEXT NOT NULL,
    title        TEXT NOT NULL DEFAULT '',
    phone        TEXT NOT NULL DEFAULT '',
    email        TEXT NOT NULL DEFAULT ''
);
CREATE INDEX proposal_team_proposal ON proposal_team(proposal_id, position);

-- Each sent version, frozen: the document exactly as it was printed (JSON), and when it was sent.
CREATE TABLE proposal_versions (
    proposal_id  INTEGER NOT NULL REFERENCES proposals(id) ON DELETE CASCADE,
    version      INTEGER NOT NULL,
    sent_date    TEXT NOT NULL,
    total_minor  INTEGER NOT NULL,
    document     TEXT NOT NULL,
    PRIMARY KEY (proposal_id, version)
) WITHOUT ROWID;

-- The follow-up routine: each step is a task, so it shows on Today and is ticked off there.
CREATE TABLE proposal_tasks (
    task_id      INTEGER PRIMARY KEY REFERENCES tasks(id) ON DELETE CASCADE,
    proposal_id  INTEGER NOT NULL REFERENCES proposals(id) ON DELETE CASCADE,
    step         TEXT NOT NULL
);
CREATE INDEX proposal_tasks_proposal ON proposal_tasks(proposal_id);
CREATE TRIGGER proposal_tasks_take_their_tasks AFTER DELETE ON proposal_tasks BEGIN
    DELETE FROM tasks WHERE id = old.task_id;
END;

-- The block library: reusable texts with {{variables}}, in one language each.
CREATE TABLE proposal_blocks (
    id                 INTEGER PRIMARY KEY,
    kind               TEXT NOT NULL,
    language           TEXT NOT NULL,
    title              TEXT NOT NULL,
    body               TEXT NOT NULL,
    -- A reference's referee, who agreed to recommend us; their contacts are printed with the reference.
    referee_person_id  INTEGER REFERENCES people(id) ON DELETE SET NULL,
    -- The day the referee agreed to be contacted; without it their contacts are not printed.
    referee_consent    TEXT,
    source             TEXT NOT NULL DEFAULT 'user',
    created_at         TEXT NOT NULL,
    updated_at         TEXT NOT NULL
);
CREATE INDEX proposal_blocks_kind ON proposal_blocks(kind, language);

-- Pictures the documents print (the company logo), kept in the database so a backup has them.
CREATE TABLE assets (
    name        TEXT PRIMARY KEY,
    bytes       BLOB NOT NULL,
    updated_at  TEXT NOT NULL
);
