-- 绩效目标: a project's targets for a year, set by its department before the year and approved by the
-- region's 财政审核人. Each version of the table is a revision with its own course (草稿 → 已提交 → 退回 /
-- 已批复); an approved table adjusted during the year is a new revision with its reason, approved again,
-- while the earlier approval stays in force until then.
create table targets (
  id serial primary key,
  department_id integer not null references departments(id),
  year integer not null check (year between 1990 and 2200),
  project_name text not null check (length(project_name) between 1 and 200),
  created_by_name text not null,
  created_at timestamptz not null default now(),
  unique (department_id, year, project_name)
);

create table target_revisions (
  id serial primary key,
  target_id integer not null references targets(id) on delete cascade,
  revision integer not null check (revision >= 1),
  -- core's TargetIndicator[]: 三级指标 with 指标性质, 年度指标值, 单位, 分值 as written
  indicators jsonb not null,
  goal text not null default '',
  status text not null default 'draft' check (status in ('draft', 'submitted', 'returned', 'approved')),
  -- 调整原因: required from the second revision on (an adjustment of an approved table)
  reason text not null default '',
  -- the evaluation the rows were first copied from (last year's of the same project), when they were
  copied_from integer references evaluations(id) on delete set null,
  created_by_name text not null,
  updated_by_name text not null,
  updated_at timestamptz not null default now(),
  submitted_at timestamptz,
  -- the 退回意见 or 批复意见, who decided and when
  decision_comment text not null default '',
  decided_by_name text,
  decided_at timestamptz,
  unique (target_id, revision)
);

-- The self-evaluation created from an approved revision: each of its 指标值 is traced to that approval.
create table evaluation_targets (
  evaluation_id integer primary key references evaluations(id) on delete cascade,
  target_revision_id integer not null references target_revisions(id)
);
create index evaluation_targets_revision on evaluation_targets (target_revision_id);
