-- A timeline entry the server words itself (acknowledged, escalated, snapshot...) keeps the key of its words and their
-- arguments, so that it is said in the reader's language; detail keeps the English, for what reads the table directly.
alter table incident_timeline add column detail_key varchar(64), add column detail_args text[];
