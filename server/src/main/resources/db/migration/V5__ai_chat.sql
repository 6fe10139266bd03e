-- AI chat: conversations and their messages, per user, so that a chat can be resumed.
create table ai_conversations (
    id         uuid primary key,
    owner      varchar(64)  not null,
    title      varchar(200) not null,
    model      varchar(200) not null,
    created_at timestamp with time zone not null default now(),
    updated_at timestamp with time zone not null default now()
);
create index ai_conversations_owner on ai_conversations (owner, updated_at desc);

-- An assistant message is written once its generation ends: complete, or cut short (cancelled,
-- failed, timed_out) with the part that was generated. Ollama's counts come with complete ones.
create table ai_messages (
    id                uuid primary key,
    conversation_id   uuid        not null references ai_conversations (id) on delete cascade,
    position          bigint generated always as identity,
    role              varchar(16) not null check (role in ('user', 'assistant')),
    content           text        not null,
    status            varchar(16) not null check (status in ('complete', 'cancelled', 'failed', 'timed_out')),
    model             varchar(200),
    done_reason       varchar(32),
    eval_count        integer,
    eval_duration_ns  bigint,
    prompt_eval_count integer,
    total_duration_ns bigint,
    created_at        timestamp with time zone not null default now()
);
create index ai_messages_conversation on ai_messages (conversation_id, position);
