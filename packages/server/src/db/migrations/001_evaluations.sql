-- 部门、用户、自评及其修订记录。The core Evaluation is kept whole as JSON (data); the columns beside it are
-- what lists, queues and permissions filter on.
create table departments (
  id serial primary key,
  name text not null unique,
  region text not null default '',
  created_at timestamptz not null default now()
);

create table users (
  id serial primary key,
  username text not null unique,
  display_name text not null,
  role text not null check (role in ('admin', 'reviewer', 'filler')),
  department_id integer references departments (id),
  password_hash text not null,
  created_at timestamptz not null default now()
);

create table evaluations (
  id serial primary key,
  department_id integer not null references departments (id),
  year integer,
  kind text not null check (kind in ('project', 'department', 'summary')),
  title text not null,
  status text not null default 'draft'
    check (status in ('draft', 'submitted', 'returned', 'accepted', 'published')),
  framework_id text,
  framework_version text,
  data jsonb not null,
  -- Optimistic locking: a save names the version it started from and is refused if another came first.
  version integer not null default 1,
  source_file text,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  updated_by integer references users (id),
  updated_by_name text not null default ''
);
create index evaluations_department_year on evaluations (department_id, year);
create index evaluations_status on evaluations (status);

-- Every saved version, never overwritten: who, when, what.
create table evaluation_revisions (
  evaluation_id integer not null references evaluations (id) on delete cascade,
  version integer not null,
  data jsonb not null,
  status text not null,
  author integer references users (id),
  author_name text not null default '',
  note text not null default '',
  created_at timestamptz not null default now(),
  primary key (evaluation_id, version)
);
