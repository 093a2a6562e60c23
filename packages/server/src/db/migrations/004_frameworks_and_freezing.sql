-- 评分框架的每个版本，和提交时冻结的版本。
-- A framework version, once stored, never changes: a submitted evaluation is scored under the version it
-- was submitted with for ever, even after the file shipped with the code or an admin brings a newer one.
create table frameworks (
  -- Order of arrival: the latest version of an id is the current one for new work.
  seq serial unique,
  id text not null,
  version text not null,
  name text not null,
  kind text not null,
  definition jsonb not null,
  -- 'builtin' (shipped with the code or the frameworks folder) or 'admin' (uploaded).
  origin text not null check (origin in ('builtin', 'admin')),
  created_by_name text not null default '',
  created_at timestamptz not null default now(),
  primary key (id, version)
);

-- The revision that was submitted (the frozen figures) and when; framework_id / framework_version (001)
-- now record the framework the submission was scored under.
alter table evaluations add column submitted_version integer;
alter table evaluations add column submitted_at timestamptz;
