-- Avain schema, version 5: desktop reminders of tender milestones. `reminded_for` is the milestone date a
-- reminder was shown for, so a milestone moved to a new date reminds again and nothing reminds twice.

ALTER TABLE tender_milestones ADD COLUMN reminded_for TEXT;
