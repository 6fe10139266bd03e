-- The alert engine's state, shared by every instance and kept across restarts (issue 18).
-- An episode is one alert of one rule on one series, from pending to resolved; at most one open per series.
create table alert_episodes (
    id              uuid primary key,
    rule            varchar(64)  not null,
    instance        varchar(255) not null,
    series          varchar(1000) not null, -- the rule and its labels, sorted: what identifies the alert
    labels          text         not null,  -- the labels as JSON
    severity        varchar(16)  not null,
    summary         text         not null,
    state           varchar(16)  not null check (state in ('pending', 'firing', 'resolved')),
    value           double precision not null,
    started_at      timestamp with time zone not null,
    firing_at       timestamp with time zone,
    resolved_at     timestamp with time zone,
    seen_at         timestamp with time zone not null,
    acknowledged_by varchar(64),
    acknowledged_at timestamp with time zone,
    ack_comment     text
);
create unique index alert_episodes_open on alert_episodes (series) where state <> 'resolved';
create index alert_episodes_started on alert_episodes (started_at desc);

-- Every change of state, with the value that made it.
create table alert_transitions (
    id         bigint generated always as identity primary key,
    episode_id uuid         not null references alert_episodes (id) on delete cascade,
    rule       varchar(64)  not null,
    instance   varchar(255) not null,
    state      varchar(16)  not null check (state in ('pending', 'firing', 'resolved')),
    value      double precision not null,
    at         timestamp with time zone not null
);
create index alert_transitions_at on alert_transitions (at desc);
create index alert_transitions_rule on alert_transitions (rule, at desc);

-- Silences set by people, shared by every console and instance.
create table alert_silences (
    id         uuid primary key,
    rule       varchar(64)  not null,
    instance   varchar(255),          -- null: every instance
    until      timestamp with time zone not null,
    reason     text         not null,
    created_by varchar(64)  not null,
    created_at timestamp with time zone not null default now(),
    lifted_by  varchar(64),
    lifted_at  timestamp with time zone
);
create index alert_silences_until on alert_silences (until desc);
