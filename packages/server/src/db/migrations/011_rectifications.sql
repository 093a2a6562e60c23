-- 问题整改: a problem found by the self-evaluation or the finance bureau's review, the measure, who
-- answers for it, by when, and how far it has got. Kept across years: next year's evaluation of the
-- department reports on them (seed 004 七(二)).
create table rectifications (
  id serial primary key,
  evaluation_id integer not null references evaluations(id) on delete cascade,
  -- 'self': found by the department's own self-evaluation; 'review': raised by the 财政审核人
  found_by text not null check (found_by in ('self', 'review')),
  problem text not null,
  measure text not null default '',
  owner text not null default '',
  due date,
  status text not null default 'open' check (status in ('open', 'in-progress', 'done')),
  -- 整改结果: what was done, required when the item is closed
  result text not null default '',
  created_by_name text not null,
  updated_by_name text not null,
  updated_at timestamptz not null default now()
);
create index rectifications_evaluation on rectifications (evaluation_id);
