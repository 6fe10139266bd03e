-- Escalation notifications (§6.3, §8): each contact of the incident's level reachable at the time, by email and, when
-- the contact has one, by webhook. A row waits until it is delivered or gives up; every attempt is in the timeline.
alter table contacts add column webhook_url varchar(500);

create table incident_notifications (
    id              uuid primary key,
    incident_id     uuid         not null references incidents (id) on delete cascade,
    level           integer      not null,
    contact_role    varchar(100) not null,
    channel         varchar(16)  not null check (channel in ('email', 'webhook')),
    target          varchar(500) not null,
    subject         text         not null,
    body            text         not null,
    status          varchar(16)  not null check (status in ('pending', 'sent', 'failed')),
    attempts        integer      not null default 0,
    next_attempt_at timestamp with time zone not null,
    last_error      text,
    created_at      timestamp with time zone not null,
    sent_at         timestamp with time zone
);
create index incident_notifications_due on incident_notifications (next_attempt_at) where status = 'pending';
create index incident_notifications_incident on incident_notifications (incident_id, created_at);
