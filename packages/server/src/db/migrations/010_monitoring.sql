-- 绩效运行监控: the 填报人's report of cumulative execution at each checkpoint month of the year's
-- monitoring plan (core/monitoring/*.json). One row per evaluation and month; a new report of the same
-- month replaces the figures and keeps who reported them and when.
create table monitoring_reports (
  evaluation_id integer not null references evaluations(id) on delete cascade,
  month smallint not null check (month between 1 and 12),
  -- 截至该月末累计执行数（万元） and the 全年预算数 it is measured against
  executed numeric(18, 2) not null check (executed >= 0),
  budget numeric(18, 2) not null check (budget > 0),
  -- 未达进度原因, required by the API for a yellow or red lamp
  reason text not null default '',
  reported_by_name text not null,
  reported_at timestamptz not null default now(),
  primary key (evaluation_id, month)
);
