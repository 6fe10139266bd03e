-- Incidents and the guide's escalation (§6.3): levels 1 support, 2 DevOps, 3 developers.
create table incidents (
    id              uuid primary key,
    title           varchar(200) not null,
    severity        varchar(16)  not null check (severity in ('info', 'warning', 'critical')),
    kind            varchar(16)  not null check (kind in ('application', 'database', 'security', 'infrastructure')),
    source          varchar(300) not null,
    status          varchar(16)  not null check (status in ('open', 'acknowledged', 'escalated', 'resolved')),
    level           integer      not null check (level between 1 and 3),
    assignee        varchar(64),
    opened_by       varchar(64)  not null,
    opened_at       timestamp with time zone not null default now(),
    level_since     timestamp with time zone not null default now(),
    acknowledged_at timestamp with time zone,
    resolved_at     timestamp with time zone
);
create index incidents_status on incidents (status, opened_at desc);
-- at most one unresolved incident per alert source: a firing alert does not open a second one
create unique index incidents_open_source on incidents (source) where status <> 'resolved' and source <> 'manual';

-- Every action on an incident, with who and when.
create table incident_timeline (
    id          bigint generated always as identity primary key,
    incident_id uuid        not null references incidents (id) on delete cascade,
    at          timestamp with time zone not null default now(),
    actor       varchar(64) not null,
    action      varchar(32) not null,
    detail      text
);
create index incident_timeline_incident on incident_timeline (incident_id, id);

-- Diagnostics taken for an incident (JSON): health, threads, heap and GC, pool, Kafka lag, backups, log lines.
create table incident_snapshots (
    id          uuid primary key,
    incident_id uuid not null references incidents (id) on delete cascade,
    taken_at    timestamp with time zone not null default now(),
    taken_by    varchar(64) not null,
    content     text not null
);

-- Contacts (§8), editable by ADMIN. Hours are Europe/Paris time; days like MON-FRI or MON-SUN.
create table contacts (
    id         uuid primary key,
    role       varchar(100) not null unique,
    email      varchar(200) not null,
    days       varchar(16)  not null,
    start_time varchar(5)   not null check (start_time ~ '^[0-2][0-9]:[0-5][0-9]$'),
    end_time   varchar(5)   not null check (end_time ~ '^[0-2][0-9]:[0-5][0-9]$'),
    levels     varchar(16)  not null,
    kinds      varchar(100) not null
);
insert into contacts (id, role, email, days, start_time, end_time, levels, kinds) values
    ('6a1f0c2e-0000-4000-8000-000000000001', 'Astreinte Ops', 'ops@nexusai.fr',      'MON-SUN', '00:00', '24:00', '1,2',   'application,database,security,infrastructure'),
    ('6a1f0c2e-0000-4000-8000-000000000002', 'Lead Dev',      'dev@nexusai.fr',      'MON-FRI', '09:00', '18:00', '3',     'application'),
    ('6a1f0c2e-0000-4000-8000-000000000003', 'Security',      'security@nexusai.fr', 'MON-SUN', '00:00', '24:00', '1,2,3', 'security'),
    ('6a1f0c2e-0000-4000-8000-000000000004', 'DBA',           'dba@nexusai.fr',      'MON-FRI', '09:00', '18:00', '2,3',   'database');
