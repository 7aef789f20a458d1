-- Avain schema, version 1: accounts, people and decision groups, interactions and tasks, settings, search.
-- Dates are ISO-8601 text (YYYY-MM-DD), timestamps RFC 3339 UTC, money integer minor units with a currency code.

CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

CREATE TABLE accounts (
    id                   INTEGER PRIMARY KEY,
    name                 TEXT NOT NULL,
    name_key             TEXT NOT NULL,          -- lower-cased, whitespace-collapsed name for uniqueness
    kind                 TEXT NOT NULL,
    parent_id            INTEGER REFERENCES accounts(id) ON DELETE SET NULL,
    region               TEXT NOT NULL DEFAULT '',
    region_key           TEXT NOT NULL DEFAULT '',
    owner                TEXT NOT NULL DEFAULT '',
    status               TEXT NOT NULL,
    crit_opinion         INTEGER NOT NULL DEFAULT 0,
    crit_opinion_note    TEXT NOT NULL DEFAULT '',
    crit_profit          INTEGER NOT NULL DEFAULT 0,
    crit_profit_note     TEXT NOT NULL DEFAULT '',
    crit_growth          INTEGER NOT NULL DEFAULT 0,
    crit_growth_note     TEXT NOT NULL DEFAULT '',
    crit_partner         INTEGER NOT NULL DEFAULT 0,
    crit_partner_note    TEXT NOT NULL DEFAULT '',
    credit_limit_minor   INTEGER,
    currency             TEXT NOT NULL DEFAULT 'EUR',
    payment_terms_days   INTEGER,
    credit_check_date    TEXT,
    credit_check_result  TEXT NOT NULL DEFAULT '',
    contract_start       TEXT,
    contract_end         TEXT,
    renegotiation_date   TEXT,
    notes                TEXT NOT NULL DEFAULT '',
    source               TEXT NOT NULL DEFAULT 'user',
    created_at           TEXT NOT NULL,
    updated_at           TEXT NOT NULL
);
CREATE UNIQUE INDEX accounts_unique_name_in_region ON accounts(name_key, region_key);
CREATE INDEX accounts_parent ON accounts(parent_id);
CREATE INDEX accounts_renegotiation ON accounts(renegotiation_date);

CREATE TABLE people (
    id                  INTEGER PRIMARY KEY,
    first_name          TEXT NOT NULL DEFAULT '',
    last_name           TEXT NOT NULL,
    title               TEXT NOT NULL DEFAULT '',
    email               TEXT NOT NULL DEFAULT '',
    phone               TEXT NOT NULL DEFAULT '',
    notes               TEXT NOT NULL DEFAULT '',
    relationship_stage  TEXT NOT NULL DEFAULT 'no_contact',
    -- Consent to keep personal details. The personal columns below stay empty while there is none.
    consent_date        TEXT,
    consent_method      TEXT,
    consent_note        TEXT NOT NULL DEFAULT '',
    birthday            TEXT,                    -- YYYY-MM-DD, or --MM-DD when the year is not known
    family              TEXT NOT NULL DEFAULT '',
    hobbies             TEXT NOT NULL DEFAULT '',
    personal_values     TEXT NOT NULL DEFAULT '',
    preferred_channel   TEXT,
    source              TEXT NOT NULL DEFAULT 'user',
    created_at          TEXT NOT NULL,
    updated_at          TEXT NOT NULL,
    CHECK (consent_date IS NOT NULL OR (birthday IS NULL AND family = '' AND hobbies = ''
                                         AND personal_values = '' AND preferred_channel IS NULL))
);
CREATE INDEX people_last_name ON people(last_name, first_name);

-- Where a person works, over time: one person can move, or belong to several accounts at once.
CREATE TABLE affiliations (
    id          INTEGER PRIMARY KEY,
    person_id   INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    account_id  INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    position    TEXT NOT NULL DEFAULT '',
    department  TEXT NOT NULL DEFAULT '',
    start_date  TEXT,
    end_date    TEXT,
    created_at  TEXT NOT NULL
);
CREATE INDEX affiliations_person ON affiliations(person_id);
CREATE INDEX affiliations_account ON affiliations(account_id);

-- Buying role and decision style belong to a membership in one account's decision group, not to the person.
CREATE TABLE decision_group_members (
    id              INTEGER PRIMARY KEY,
    account_id      INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    person_id       INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    buying_role     TEXT NOT NULL,
    decision_style  TEXT NOT NULL,
    notes           TEXT NOT NULL DEFAULT '',
    source          TEXT NOT NULL DEFAULT 'user',
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL,
    UNIQUE (account_id, person_id)
);
CREATE INDEX members_person ON decision_group_members(person_id);

CREATE TABLE interactions (
    id          INTEGER PRIMARY KEY,
    kind        TEXT NOT NULL,
    status      TEXT NOT NULL,
    date        TEXT NOT NULL,
    time        TEXT,
    account_id  INTEGER REFERENCES accounts(id) ON DELETE SET NULL,
    topic       TEXT NOT NULL,
    outcome     TEXT NOT NULL DEFAULT '',
    next_step   TEXT NOT NULL DEFAULT '',
    source      TEXT NOT NULL DEFAULT 'user',
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
);
CREATE INDEX interactions_date ON interactions(date);
CREATE INDEX interactions_account ON interactions(account_id, date);

CREATE TABLE interaction_people (
    interaction_id  INTEGER NOT NULL REFERENCES interactions(id) ON DELETE CASCADE,
    person_id       INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    PRIMARY KEY (interaction_id, person_id)
) WITHOUT ROWID;
CREATE INDEX interaction_people_person ON interaction_people(person_id);

CREATE TABLE tasks (
    id              INTEGER PRIMARY KEY,
    title           TEXT NOT NULL,
    due_date        TEXT NOT NULL,
    account_id      INTEGER REFERENCES accounts(id) ON DELETE CASCADE,
    person_id       INTEGER REFERENCES people(id) ON DELETE SET NULL,
    interaction_id  INTEGER REFERENCES interactions(id) ON DELETE SET NULL,
    notes           TEXT NOT NULL DEFAULT '',
    done_at         TEXT,
    source          TEXT NOT NULL DEFAULT 'user',
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL
);
CREATE INDEX tasks_open_due ON tasks(done_at, due_date);
CREATE INDEX tasks_account ON tasks(account_id);

-- One full-text index over everything Ctrl+K finds. Triggers keep it in step; titles and subtitles for display
-- are read from the records at query time so they never go stale.
-- The rowid encodes what a row points at: record id * 8 + kind (1 account, 2 person, 3 interaction, 4 task),
-- so triggers can replace one entry by rowid instead of scanning the index.
CREATE VIRTUAL TABLE search_index USING fts5(
    title,
    body,
    tokenize = "unicode61 remove_diacritics 2",
    prefix = '2 3'
);

CREATE TRIGGER accounts_search_insert AFTER INSERT ON accounts BEGIN
    INSERT INTO search_index(rowid, title, body)
    VALUES (new.id * 8 + 1, new.name, new.region || ' ' || new.owner || ' ' || new.notes);
END;
CREATE TRIGGER accounts_search_update AFTER UPDATE OF name, region, owner, notes ON accounts BEGIN
    DELETE FROM search_index WHERE rowid = old.id * 8 + 1;
    INSERT INTO search_index(rowid, title, body)
    VALUES (new.id * 8 + 1, new.name, new.region || ' ' || new.owner || ' ' || new.notes);
END;
CREATE TRIGGER accounts_search_delete AFTER DELETE ON accounts BEGIN
    DELETE FROM search_index WHERE rowid = old.id * 8 + 1;
END;

-- Personal details (family, hobbies, values) are deliberately left out of the index.
CREATE TRIGGER people_search_insert AFTER INSERT ON people BEGIN
    INSERT INTO search_index(rowid, title, body)
    VALUES (new.id * 8 + 2, new.first_name || ' ' || new.last_name,
            new.title || ' ' || new.email || ' ' || new.phone || ' ' || new.notes);
END;
CREATE TRIGGER people_search_update AFTER UPDATE OF first_name, last_name, title, email, phone, notes ON people BEGIN
    DELETE FROM search_index WHERE rowid = old.id * 8 + 2;
    INSERT INTO search_index(rowid, title, body)
    VALUES (new.id * 8 + 2, new.first_name || ' ' || new.last_name,
            new.title || ' ' || new.email || ' ' || new.phone || ' ' || new.notes);
END;
CREATE TRIGGER people_search_delete AFTER DELETE ON people BEGIN
    DELETE FROM search_index WHERE rowid = old.id * 8 + 2;
END;

CREATE TRIGGER interactions_search_insert AFTER INSERT ON interactions BEGIN
    INSERT INTO search_index(rowid, title, body)
    VALUES (new.id * 8 + 3, new.topic, new.outcome || ' ' || new.next_step);
END;
CREATE TRIGGER interactions_search_update AFTER UPDATE OF topic, outcome, next_step ON interactions BEGIN
    DELETE FROM search_index WHERE rowid = old.id * 8 + 3;
    INSERT INTO search_index(rowid, title, body)
    VALUES (new.id * 8 + 3, new.topic, new.outcome || ' ' || new.next_step);
END;
CREATE TRIGGER interactions_search_delete AFTER DELETE ON interactions BEGIN
    DELETE FROM search_index WHERE rowid = old.id * 8 + 3;
END;

CREATE TRIGGER tasks_search_insert AFTER INSERT ON tasks BEGIN
    INSERT INTO search_index(rowid, title, body) VALUES (new.id * 8 + 4, new.title, new.notes);
END;
CREATE TRIGGER tasks_search_update AFTER UPDATE OF title, notes ON tasks BEGIN
    DELETE FROM search_index WHERE rowid = old.id * 8 + 4;
    INSERT INTO search_index(rowid, title, body) VALUES (new.id * 8 + 4, new.title, new.notes);
END;
CREATE TRIGGER tasks_search_delete AFTER DELETE ON tasks BEGIN
    DELETE FROM search_index WHERE rowid = old.id * 8 + 4;
END;
