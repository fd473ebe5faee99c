-- Time, expenses and labor (issue 16).

-- What a copied item looked like on its source side when it was last written (a hash of the Field Nation time
-- log or expense), so an edited one updates its ConnectWise entry and an unchanged one costs no call.
ALTER TABLE synced_item ADD COLUMN source_hash VARCHAR(64);
CREATE INDEX synced_item_work_order ON synced_item (work_order_id, kind);
