-- The inbox's questions about one ticket or work order ask for its unfinished events: the claim's "no older
-- unfinished event of this entity", the next pending event after a finish (InboxStore.nextPendingOf), and
-- hasUnfinished. With an index of (entity_key, id) each of those read every event of the entity from the table to
-- see its status, and the planner sometimes preferred (status, next_attempt_at), reading every pending event
-- instead: at a backlog of 1,000 events, that was 1,000 rows read per finished event (docs/performance.md).
-- This index answers them from the index alone; id is its last column, so an entity's events stay in order.
-- (V11 is issue 21's work_order_routing.)
CREATE INDEX inbox_event_entity_status ON inbox_event (entity_key, status, id);
-- contract: no statement of the previous release needs inbox_event_entity (every one that used it filters on
-- entity_key, the first column of the index above), so it goes in the same release
DROP INDEX inbox_event_entity;
