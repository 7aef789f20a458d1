-- Avain schema, version 3: plans and receivables imported from files. A report's rows may carry planned
-- figures (a plan or budget file, or plan columns beside the actuals) and receivables (open and overdue amounts
-- with their due date). They live on the same lines as sales, so matching, undo and replacement work alike.

ALTER TABLE sales_lines ADD COLUMN plan_amount_minor INTEGER;
ALTER TABLE sales_lines ADD COLUMN plan_quantity REAL;
ALTER TABLE sales_lines ADD COLUMN receivable_minor INTEGER;
ALTER TABLE sales_lines ADD COLUMN overdue_minor INTEGER;
ALTER TABLE sales_lines ADD COLUMN due TEXT;
-- Finds the imports with receivables without reading every sales line.
CREATE INDEX sales_lines_receivable ON sales_lines(import_id)
    WHERE receivable_minor IS NOT NULL OR overdue_minor IS NOT NULL;
-- Finds the imported plans without reading every sales line.
CREATE INDEX sales_lines_plan ON sales_lines(customer_id) WHERE plan_amount_minor IS NOT NULL;
