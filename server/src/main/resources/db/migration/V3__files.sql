-- Files kept in the object store: the metadata here, the bytes under object_key (generated, never the user's name).
create table stored_files (
    id            uuid primary key,
    owner         varchar(64)  not null,
    original_name varchar(255) not null,
    content_type  varchar(255) not null,
    size_bytes    bigint       not null,
    sha256        char(64)     not null,
    object_key    varchar(100) not null unique,
    created_at    timestamp with time zone not null default now()
);
create index stored_files_owner on stored_files (owner, created_at desc);
