-- The request budget of each API, shared by every instance on one PostgreSQL (an API member's budget is
-- ConnectWise's, not the instance's): the next free slot, advanced atomically by each call, and the end of a
-- pause after a 429. Times are epoch microseconds of the database's clock. A single instance on H2 keeps the same
-- in memory; the table is there on both so the schema stays one.
CREATE TABLE request_budget (
    api          VARCHAR(32) NOT NULL PRIMARY KEY,   -- ConnectWise | Field Nation
    next_at      BIGINT      NOT NULL,               -- the next free slot
    paused_until BIGINT      NOT NULL,               -- no call before this (a 429's Retry-After)
    updated_at   BIGINT      NOT NULL
);
INSERT INTO request_budget (api, next_at, paused_until, updated_at) VALUES ('ConnectWise', 0, 0, 0);
INSERT INTO request_budget (api, next_at, paused_until, updated_at) VALUES ('Field Nation', 0, 0, 0);

-- Time an event spent paused (sent back to the inbox by a pause: a 429, the database): not counted toward giving up.
ALTER TABLE inbox_event ADD COLUMN paused_ms BIGINT DEFAULT 0 NOT NULL;
