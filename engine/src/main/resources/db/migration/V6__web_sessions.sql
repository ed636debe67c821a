-- Webapp sessions (Tasklist, Cockpit, Admin: the login and its CSRF token) live here, not in one engine JVM
-- (Spring Session JDBC): with several engine nodes behind the gateway or a Kubernetes Service, a request may land on
-- any of them, and a user stays logged in when the node they logged in on restarts or dies.
-- Spring Session's own PostgreSQL schema (schema-postgresql.sql), in schema baedal.
create table baedal.spring_session (
    primary_id            char(36)     not null,
    session_id            char(36)     not null,
    creation_time         bigint       not null,
    last_access_time      bigint       not null,
    max_inactive_interval int          not null,
    expiry_time           bigint       not null,
    principal_name        varchar(100),
    constraint spring_session_pk primary key (primary_id)
);

create unique index spring_session_ix1 on baedal.spring_session (session_id);
create index spring_session_ix2 on baedal.spring_session (expiry_time);
create index spring_session_ix3 on baedal.spring_session (principal_name);

create table baedal.spring_session_attributes (
    session_primary_id char(36)     not null,
    attribute_name     varchar(200) not null,
    attribute_bytes    bytea        not null,
    constraint spring_session_attributes_pk primary key (session_primary_id, attribute_name),
    constraint spring_session_attributes_fk foreign key (session_primary_id)
        references baedal.spring_session (primary_id) on delete cascade
);
