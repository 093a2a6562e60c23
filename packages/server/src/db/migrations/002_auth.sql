-- 登录与会话。A reviewer belongs to a region (财政审核人 sees its region's departments); a filler to a department.
alter table users add column region text not null default '';
alter table users add column disabled boolean not null default false;

create table sessions (
  id text primary key,
  user_id integer not null references users (id) on delete cascade,
  -- Double-submit token: every state-changing request carries it in the x-csrf-token header.
  csrf_token text not null,
  created_at timestamptz not null default now(),
  expires_at timestamptz not null
);
create index sessions_user on sessions (user_id);

-- Failed logins, for rate limiting across several app processes.
create table login_failures (
  username text not null,
  address text not null,
  at timestamptz not null default now()
);
create index login_failures_recent on login_failures (username, at);

-- Review: the finance bureau's score beside the self score; neither overwrites the other.
create table reviews (
  evaluation_id integer primary key references evaluations (id) on delete cascade,
  reviewer integer references users (id),
  review_total numeric,
  comment text not null default '',
  updated_at timestamptz not null default now()
);
