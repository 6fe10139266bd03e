-- Domain events leave through this outbox, written in the same transaction as the change they describe.
create table outbox_events (
    id             bigint generated always as identity primary key,
    event_id       uuid         not null unique,
    type           varchar(64)  not null,
    aggregate_type varchar(32)  not null,
    aggregate_id   varchar(100) not null,
    actor          varchar(64),
    occurred_at    timestamp with time zone not null default now(),
    payload        text         not null,
    published_at   timestamp with time zone
);
create index outbox_unpublished on outbox_events (id) where published_at is null;

-- What the audit consumer group read back from Kafka: one row per event, however often it was delivered.
create table events (
    event_id       uuid primary key,
    type           varchar(64)  not null,
    aggregate_type varchar(32)  not null,
    aggregate_id   varchar(100) not null,
    actor          varchar(64),
    occurred_at    timestamp with time zone not null,
    payload        text         not null,
    received_at    timestamp with time zone not null default now()
);
create index events_time on events (occurred_at desc);
create index events_type on events (type, occurred_at desc);
