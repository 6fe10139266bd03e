-- Where a backup read from: "replica host:port", or "primary" with why the replica was not used.
alter table backup_runs add column source varchar(500);
