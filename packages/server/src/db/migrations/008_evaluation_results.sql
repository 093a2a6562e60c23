-- 计分结果: the score, grade, findings and summary figures of an evaluation, computed once and stored with
-- what made them (the framework version, the engine version, and the basis: the version, status and frozen
-- framework of every evaluation of its file, since a sibling table changes the audit). Lists, the 汇总表 and
-- the 看板 read these columns; a row whose basis or versions differ from today's is recomputed.
create table evaluation_results (
  evaluation_id integer primary key references evaluations (id) on delete cascade,
  basis text not null,
  framework_id text not null,
  framework_version text not null,
  engine_version text not null,
  stated_score numeric,
  computed_score numeric,
  total_incomplete boolean not null default false,
  grade text,
  computed_grade text,
  initial_budget numeric,
  adjusted_budget numeric,
  executed numeric,
  -- The whole EvaluationResult (score and findings) as core returned it.
  result jsonb not null,
  computed_at timestamptz not null default now()
);
create index evaluation_results_framework on evaluation_results (framework_id, framework_version);
create index evaluation_results_engine on evaluation_results (engine_version);
