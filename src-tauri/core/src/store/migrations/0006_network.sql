-- Avain schema, version 6: the influence network. Profiles on people, the dated history of relationship stage and
-- attitude, committees, links between people, ties from people to accounts and committees, scientific activity,
-- the network view's pinned positions, relationship plans and events.

ALTER TABLE people ADD COLUMN person_type TEXT;            -- kol, vip, hcp, pharmacist, purchaser
ALTER TABLE people ADD COLUMN tier TEXT;                   -- international, national, regional, local
ALTER TABLE people ADD COLUMN attitude TEXT;               -- advocate ... opponent; NULL while not known
ALTER TABLE people ADD COLUMN therapy_areas TEXT NOT NULL DEFAULT '';   -- '; '-separated, as the user wrote them
ALTER TABLE people ADD COLUMN specialties TEXT NOT NULL DEFAULT '';     -- '; '-separated
ALTER TABLE people ADD COLUMN competitor_ties TEXT NOT NULL DEFAULT '';

-- Every change of relationship stage or attitude, dated on the day it happened. The person's current value is the
-- latest entry's (by date, then by entry).
CREATE TABLE person_history (
    id          INTEGER PRIMARY KEY,
    person_id   INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    field       TEXT NOT NULL CHECK (field IN ('stage', 'attitude')),
    value       TEXT NOT NULL,
    date        TEXT NOT NULL,
    note        TEXT NOT NULL DEFAULT '',
    source      TEXT NOT NULL DEFAULT 'user',
    created_at  TEXT NOT NULL
);
CREATE INDEX person_history_person ON person_history(person_id, field, date);

-- The stages already recorded have no date of their own: they count from the day the person was entered.
INSERT INTO person_history (person_id, field, value, date, note, source, created_at)
SELECT id, 'stage', relationship_stage, substr(created_at, 1, 10), '', source, created_at
FROM people WHERE relationship_stage <> 'no_contact';

-- Formulary or pharmacotherapy committees, tender commissions, health boards, ministries, insurance funds.
CREATE TABLE committees (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL,
    name_key    TEXT NOT NULL UNIQUE,
    kind        TEXT NOT NULL,
    account_id  INTEGER REFERENCES accounts(id) ON DELETE SET NULL,   -- the institution it sits in, if any
    region      TEXT NOT NULL DEFAULT '',
    notes       TEXT NOT NULL DEFAULT '',
    source      TEXT NOT NULL DEFAULT 'user',
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
);

-- A directed, typed, weighted relation between two people.
CREATE TABLE person_links (
    id          INTEGER PRIMARY KEY,
    from_id     INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    to_id       INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    kind        TEXT NOT NULL,
    strength    INTEGER NOT NULL CHECK (strength BETWEEN 1 AND 5),
    since       TEXT,
    until       TEXT,
    source_note TEXT NOT NULL DEFAULT '',
    source      TEXT NOT NULL DEFAULT 'user',
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    CHECK (from_id <> to_id),
    CHECK (until IS NULL OR since IS NULL OR until >= since)
);
CREATE INDEX person_links_from ON person_links(from_id);
CREATE INDEX person_links_to ON person_links(to_id);

-- A person's part in an account's or a committee's decisions (decides for, member of, advises), with their role
-- there (e.g. "chair"): the roles in institutions and committees, with dates.
CREATE TABLE person_ties (
    id            INTEGER PRIMARY KEY,
    person_id     INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    account_id    INTEGER REFERENCES accounts(id) ON DELETE CASCADE,
    committee_id  INTEGER REFERENCES committees(id) ON DELETE CASCADE,
    kind          TEXT NOT NULL,
    role          TEXT NOT NULL DEFAULT '',
    strength      INTEGER NOT NULL CHECK (strength BETWEEN 1 AND 5),
    since         TEXT,
    until         TEXT,
    source_note   TEXT NOT NULL DEFAULT '',
    source        TEXT NOT NULL DEFAULT 'user',
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    CHECK ((account_id IS NULL) <> (committee_id IS NULL)),
    CHECK (until IS NULL OR since IS NULL OR until >= since)
);
CREATE INDEX person_ties_person ON person_ties(person_id);
CREATE INDEX person_ties_account ON person_ties(account_id);
CREATE INDEX person_ties_committee ON person_ties(committee_id);

-- Publications, trials, guidelines and congress talks; `count` lets one entry stand for several
-- (e.g. "42 publications in PubMed").
CREATE TABLE scientific_activity (
    id          INTEGER PRIMARY KEY,
    person_id   INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    kind        TEXT NOT NULL,
    title       TEXT NOT NULL,
    year        INTEGER,
    count       INTEGER NOT NULL DEFAULT 1 CHECK (count >= 1),
    note        TEXT NOT NULL DEFAULT '',
    source      TEXT NOT NULL DEFAULT 'user',
    created_at  TEXT NOT NULL
);
CREATE INDEX scientific_activity_person ON scientific_activity(person_id);

-- Where the user pinned a person in the network view.
CREATE TABLE network_pins (
    person_id  INTEGER PRIMARY KEY REFERENCES people(id) ON DELETE CASCADE,
    x          REAL NOT NULL,
    y          REAL NOT NULL
);

-- A relationship plan per KOL or VIP project. Its steps are tasks (so they show on Today); a step goes with its
-- task, and a task with its step.
CREATE TABLE relationship_plans (
    id            INTEGER PRIMARY KEY,
    person_id     INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    goal          TEXT NOT NULL,
    target_stage  TEXT NOT NULL,
    budget_minor  INTEGER CHECK (budget_minor IS NULL OR budget_minor >= 0),
    currency      TEXT NOT NULL DEFAULT 'EUR',
    delegation    TEXT NOT NULL DEFAULT 'd1',
    status        TEXT NOT NULL DEFAULT 'active',
    notes         TEXT NOT NULL DEFAULT '',
    source        TEXT NOT NULL DEFAULT 'user',
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL
);
CREATE INDEX relationship_plans_person ON relationship_plans(person_id);

CREATE TABLE plan_steps (
    id          INTEGER PRIMARY KEY,
    plan_id     INTEGER NOT NULL REFERENCES relationship_plans(id) ON DELETE CASCADE,
    task_id     INTEGER NOT NULL UNIQUE REFERENCES tasks(id) ON DELETE CASCADE,
    skipped     INTEGER NOT NULL DEFAULT 0,
    cost_minor  INTEGER CHECK (cost_minor IS NULL OR cost_minor >= 0)
);
CREATE INDEX plan_steps_plan ON plan_steps(plan_id);
CREATE TRIGGER plan_steps_take_their_tasks AFTER DELETE ON plan_steps BEGIN
    DELETE FROM tasks WHERE id = old.task_id;
END;

-- Congresses, round tables and company events, with who was invited, attended and spoke.
CREATE TABLE events (
    id          INTEGER PRIMARY KEY,
    kind        TEXT NOT NULL,
    name        TEXT NOT NULL,
    date        TEXT NOT NULL,
    place       TEXT NOT NULL DEFAULT '',
    notes       TEXT NOT NULL DEFAULT '',
    source      TEXT NOT NULL DEFAULT 'user',
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
);
CREATE INDEX events_date ON events(date);

CREATE TABLE event_people (
    event_id   INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    person_id  INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    invited    INTEGER NOT NULL DEFAULT 0,
    attended   INTEGER NOT NULL DEFAULT 0,
    speaker    INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (event_id, person_id)
) WITHOUT ROWID;
CREATE INDEX event_people_person ON event_people(person_id);
