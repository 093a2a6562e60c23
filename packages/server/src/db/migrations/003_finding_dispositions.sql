-- 审核发现的处置：财政审核人（或管理员）把一条发现标记为「不是问题」并写明理由，也可撤销标记。
-- Append-only: every mark and withdrawal stays; the current state of a finding is its latest row.
create table finding_dispositions (
  id serial primary key,
  evaluation_id integer not null references evaluations (id) on delete cascade,
  -- The server's finding key (http/assess.ts findingKey): code:line:indicator-or-budgetLine.
  finding_key text not null,
  action text not null check (action in ('dismiss', 'restore')),
  reason text not null default '',
  author integer references users (id),
  author_name text not null,
  created_at timestamptz not null default now()
);
create index finding_dispositions_evaluation on finding_dispositions (evaluation_id, id);
