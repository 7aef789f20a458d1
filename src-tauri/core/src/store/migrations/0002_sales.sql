-- Avain schema, version 2: the SKU catalogue and sales reports (sources, imports, the customers and products as
-- each source names them, sales lines, plans).

CREATE TABLE skus (
    id                INTEGER PRIMARY KEY,
    name              TEXT NOT NULL,
    name_key          TEXT NOT NULL,
    inn               TEXT NOT NULL DEFAULT '',
    atc               TEXT NOT NULL DEFAULT '',
    form              TEXT NOT NULL DEFAULT '',
    strength          TEXT NOT NULL DEFAULT '',
    pack_size         TEXT NOT NULL DEFAULT '',
    ean               TEXT,
    code              TEXT,                       -- the article or Nordic article number (VNR)
    list_price_minor  INTEGER,
    currency          TEXT NOT NULL DEFAULT 'EUR',
    discounts         TEXT NOT NULL DEFAULT '[]', -- price-list discount columns: [{"label": "...", "percent": 5.0}]
    rx                INTEGER NOT NULL DEFAULT 1,
    ours              INTEGER NOT NULL DEFAULT 1,
    notes             TEXT NOT NULL DEFAULT '',
    source            TEXT NOT NULL DEFAULT 'user',
    created_at        TEXT NOT NULL,
    updated_at        TEXT NOT NULL
);
CREATE UNIQUE INDEX skus_unique_name ON skus(name_key);
CREATE UNIQUE INDEX skus_unique_ean ON skus(ean) WHERE ean IS NOT NULL;
CREATE UNIQUE INDEX skus_unique_code ON skus(code) WHERE code IS NOT NULL;

-- Who sends reports: a distributor, wholesaler or chain. Its mapping profile is applied to its next reports.
CREATE TABLE sales_sources (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL UNIQUE COLLATE NOCASE,
    account_id  INTEGER REFERENCES accounts(id) ON DELETE SET NULL,
    profile     TEXT,                              -- JSON: the layout choices and roles by header
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
);

CREATE TABLE sales_imports (
    id            INTEGER PRIMARY KEY,
    source_id     INTEGER NOT NULL REFERENCES sales_sources(id) ON DELETE CASCADE,
    file_name     TEXT NOT NULL,
    content_hash  TEXT NOT NULL UNIQUE,
    format        TEXT NOT NULL,
    imported_at   TEXT NOT NULL,
    period_from   TEXT,
    period_to     TEXT,
    rows_read     INTEGER NOT NULL,
    lines         INTEGER NOT NULL,
    excluded      INTEGER NOT NULL,
    report        TEXT NOT NULL                    -- JSON: the validation report (exclusions, problems, totals)
);

-- A customer as one source names it. Linked to an account once matched; until then its lines wait, kept.
CREATE TABLE sales_customers (
    id          INTEGER PRIMARY KEY,
    source_id   INTEGER NOT NULL REFERENCES sales_sources(id) ON DELETE CASCADE,
    code        TEXT NOT NULL DEFAULT '',
    name        TEXT NOT NULL DEFAULT '',
    account_id  INTEGER REFERENCES accounts(id) ON DELETE SET NULL,
    UNIQUE (source_id, code, name)
);
CREATE INDEX sales_customers_account ON sales_customers(account_id);

CREATE TABLE sales_products (
    id         INTEGER PRIMARY KEY,
    source_id  INTEGER NOT NULL REFERENCES sales_sources(id) ON DELETE CASCADE,
    code       TEXT NOT NULL DEFAULT '',
    ean        TEXT NOT NULL DEFAULT '',
    name       TEXT NOT NULL DEFAULT '',
    sku_id     INTEGER REFERENCES skus(id) ON DELETE SET NULL,
    UNIQUE (source_id, code, ean, name)
);
CREATE INDEX sales_products_sku ON sales_products(sku_id);

-- One figure row of a report. `period` is the first day of the day, week or month it covers. A line replaced by
-- a corrected report of the same source keeps `replaced_by`, so undoing the correction brings it back.
CREATE TABLE sales_lines (
    id            INTEGER PRIMARY KEY,
    import_id     INTEGER NOT NULL REFERENCES sales_imports(id) ON DELETE CASCADE,
    row_no        INTEGER NOT NULL,
    period        TEXT NOT NULL,
    granularity   TEXT NOT NULL,
    customer_id   INTEGER REFERENCES sales_customers(id),
    product_id    INTEGER REFERENCES sales_products(id),
    region        TEXT NOT NULL DEFAULT '',
    quantity      REAL,
    amount_minor  INTEGER,
    price_minor   INTEGER,
    stock         REAL,
    replaced_by   INTEGER REFERENCES sales_imports(id) ON DELETE SET NULL
);
CREATE INDEX sales_lines_import ON sales_lines(import_id);
CREATE INDEX sales_lines_replaced ON sales_lines(replaced_by) WHERE replaced_by IS NOT NULL;

-- Plans per account and month, optionally per SKU, typed or imported.
CREATE TABLE sales_plans (
    id            INTEGER PRIMARY KEY,
    account_id    INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    month         TEXT NOT NULL,                 -- YYYY-MM-01
    sku_id        INTEGER REFERENCES skus(id) ON DELETE CASCADE,
    amount_minor  INTEGER NOT NULL,
    quantity      REAL,
    source        TEXT NOT NULL DEFAULT 'user',
    updated_at    TEXT NOT NULL
);
CREATE UNIQUE INDEX sales_plans_unique ON sales_plans(account_id, month, ifnull(sku_id, 0));
