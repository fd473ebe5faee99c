-- The request budget as a sliding window (issue 24): calls go at once while the window has room, instead of evenly
-- spaced. Each API's row holds its slots, the window's share of them (a sixth of the per-minute budget): the time
-- (epoch µs of the database's clock) each is free again, as a ring whose oldest slot is at index head + 1. A call
-- takes that slot, waiting until it is free, and it is free again 10.5 s after the call. next_at, the previous
-- version's single next slot, is no longer read; it stays so that an instance of that version still running during
-- a rolling update keeps working (with a pace of its own until it is replaced).
ALTER TABLE request_budget ADD COLUMN slots BIGINT ARRAY;
ALTER TABLE request_budget ADD COLUMN head INTEGER DEFAULT 0 NOT NULL;
