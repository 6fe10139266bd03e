-- Each instance's alert engine says it ran (issue 18): an instance whose engine has been silent longer than
-- nexusai.alerts.peer-silent-after is reported InstanceDown by the first live instance (by name). A clean stop removes
-- its row; a crashed instance's row stays, and so does the alert, until it comes back or is forgotten after a day.
create table alert_evaluators (
    node         varchar(255) primary key,
    evaluated_at timestamp with time zone not null
);
