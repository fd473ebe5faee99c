-- Time, expenses and labor (issue 16).

-- What a copied item looked like on its source side when it was last written (a hash of the Field Nation time
-- log or expense), so an edited one updates its ConnectWise entry and an unchanged one costs no call.
ALTER TABLE synced_item ADD COLUMN source_hash VARCHAR(64);
CREATE INDEX synced_item_work_order ON synced_item (work_order_id, kind);

-- Linked work orders whose time logs and expenses may still change (assigned, not yet paid or cancelled):
-- reconciliation reads them, because Field Nation sends no webhook when a time log or expense is added.
CREATE TABLE charge_watch (
    work_order_id BIGINT      NOT NULL PRIMARY KEY,
    ticket_id     BIGINT      NOT NULL,
    state         VARCHAR(16) NOT NULL,   -- open | closed
    updated_at    BIGINT      NOT NULL
);
CREATE INDEX charge_watch_state ON charge_watch (state);
