-- The trace context an event was recorded in (W3C traceparent, e.g. 00-<trace id>-<span id>-01), so that each
-- attempt at it, a retry an hour later or a replay, continues the trace of its callback or webhook
-- (docs/operations.md, Tracing). Null while tracing is off.
-- Expand only: a nullable column the previous release neither reads nor writes, so both run on one database during
-- a rolling upgrade.
ALTER TABLE inbox_event ADD COLUMN trace_context VARCHAR(128);
