-- Dispatch rules (issue 21): where each routed work order is in its stages, and the drafts waiting for approval.
-- One row per work order a rule routes or holds for approval. Stages fire from inbox events (routing.stage) due
-- at the end of the previous stage's wait; each stage is claimed here with a conditional update, so it fires once
-- across retries, replays, restarts and instances. Expand-only: a new table, nothing else changes.
CREATE TABLE work_order_routing (
    work_order_id  BIGINT       NOT NULL PRIMARY KEY,
    ticket_id      BIGINT       NOT NULL,
    record_type    VARCHAR(32)  NOT NULL,  -- ServiceTicket | ProjectTicket: where the ticket's notes go
    board          VARCHAR(128),
    rule_label     VARCHAR(400) NOT NULL,  -- the rule as notes name it: rule "name" (mappings.yaml line N)
    plan           VARCHAR      NOT NULL,  -- the stages as JSON, copied at dispatch (a later edit of mappings.yaml
                                           -- changes no running plan)
    state          VARCHAR(16)  NOT NULL,  -- approval | cancelled | routing | assigned | ended
    generation     INT          NOT NULL,  -- 0; +1 each time the stages start again (a provider cancelled)
    stage          INT          NOT NULL,  -- the stage reached in this generation; -1 before the first
    stage_state    VARCHAR(16)  NOT NULL,  -- firing (claimed, its action not known done) | fired
    next_at        BIGINT,                 -- when the next stage is due while nobody is assigned; null: none
    started_at     BIGINT,                 -- when this generation's first stage fired: its waits add up from here
    ticket_summary VARCHAR(400),           -- for the list of drafts waiting for approval
    company_name   VARCHAR(200),
    created_at     BIGINT       NOT NULL,
    updated_at     BIGINT       NOT NULL
);
CREATE INDEX work_order_routing_state ON work_order_routing (state, created_at);
