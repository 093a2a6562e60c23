-- 账号安全: a password handed out by the admin (reset) must be replaced at the next sign-in; when the
-- password last changed. Failed logins are kept per account and address (throttling never locks an account
-- out from somewhere else), so the index follows the pair.
alter table users add column must_change_password boolean not null default false;
alter table users add column password_changed_at timestamptz;
create index login_failures_pair on login_failures (username, address, at);
create index login_failures_address on login_failures (address, at);

-- 审计日志: sign-ins, failed sign-ins, account changes and publications — who, from where, when, what.
-- Never updated or deleted by the application.
create table audit_log (
  id bigserial primary key,
  at timestamptz not null default now(),
  kind text not null,
  actor_id integer references users (id) on delete set null,
  actor_name text not null default '',
  address text not null default '',
  subject text not null default '',
  detail text not null default ''
);
create index audit_log_at on audit_log (at desc);
