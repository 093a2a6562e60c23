-- 满意度调查: the survey behind a 满意度指标's 完成值 — one per indicator of an evaluation, keyed by the
-- indicator's id within the evaluation (core's Indicator.id, as the self-evaluation's rows and the 绩效目标's
-- trace key them). The counts as the 填报人 recorded them: questionnaires issued and returned valid, and each
-- answer option with how many chose it and whether it counts as satisfied. The rate is core's surveyRate of
-- these counts, written into the indicator's 完成值 when saved; a new record replaces the counts and keeps
-- who recorded them and when.
create table surveys (
  evaluation_id integer not null references evaluations(id) on delete cascade,
  indicator_id text not null check (length(indicator_id) between 1 and 100),
  -- 发出问卷数, 收回有效问卷数
  issued integer not null check (issued >= 0),
  returned integer not null check (returned >= 0),
  -- [{ label, count, satisfied }] in the order the form lists them
  options jsonb not null,
  recorded_by integer references users(id) on delete set null,
  recorded_by_name text not null,
  recorded_at timestamptz not null default now(),
  primary key (evaluation_id, indicator_id)
);
