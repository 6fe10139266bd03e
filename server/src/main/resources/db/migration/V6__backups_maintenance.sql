-- Backup runs: one row per run, written when it starts and completed when it ends.
create table backup_runs (
    id            uuid primary key,
    kind          varchar(16)  not null check (kind in ('postgres', 'redis')),
    trigger       varchar(16)  not null check (trigger in ('manual', 'scheduled', 'pre-update')),
    requested_by  varchar(64),
    node          varchar(100) not null,
    started_at    timestamp with time zone not null default now(),
    finished_at   timestamp with time zone,
    status        varchar(16)  not null check (status in ('running', 'succeeded', 'failed')),
    size_bytes    bigint,
    sha256        char(64),
    object_key    varchar(200),
    error         text,
    -- PostgreSQL: the row count of every table in the dump's own snapshot, as JSON {"table": count}
    table_counts  text,
    verification  varchar(16) check (verification in ('verified', 'failed')),
    verified_at   timestamp with time zone,
    verification_detail text
);
create index backup_runs_kind_time on backup_runs (kind, started_at desc);

-- Maintenance jobs (guide §7.2): one row per run, scheduled or asked for.
create table maintenance_runs (
    id           uuid primary key,
    job          varchar(64)  not null,
    trigger      varchar(16)  not null check (trigger in ('scheduled', 'manual')),
    requested_by varchar(64),
    node         varchar(100) not null,
    started_at   timestamp with time zone not null default now(),
    finished_at  timestamp with time zone,
    status       varchar(16)  not null check (status in ('running', 'succeeded', 'failed', 'to-do', 'done')),
    summary      text,
    done_by      varchar(64),
    done_at      timestamp with time zone
);
create index maintenance_runs_job_time on maintenance_runs (job, started_at desc);

-- ShedLock's table: a scheduled job runs on one instance at a time.
create table shedlock (
    name       varchar(64)  primary key,
    lock_until timestamp with time zone not null,
    locked_at  timestamp with time zone not null,
    locked_by  varchar(255) not null
);

-- What the quarterly capacity review looks back on: each instance's peaks, sampled every 15 minutes.
create table capacity_samples (
    taken_at      timestamp with time zone not null default now(),
    node          varchar(100) not null,
    heap_used     bigint,
    pool_active   integer,
    kafka_lag     bigint,
    primary key (taken_at, node)
);
