-- The metric history beyond the raw hour each instance keeps in memory (issue 18): one row per instance, series and
-- minute, with the minute's min, average and max, kept nexusai.metrics.history.minutes (7 days).
create table metric_minutes (
    instance varchar(255)     not null,
    series   varchar(64)      not null,
    minute   timestamp with time zone not null,
    min      double precision not null,
    avg      double precision not null,
    max      double precision not null,
    samples  integer          not null,
    primary key (instance, series, minute)
);
create index metric_minutes_minute on metric_minutes (minute);
