-- P-USER1 and p-user1 are one name: two users must not share it in any case.
create unique index users_username_lower on users (lower(username));
