-- 汇总表与看板的查询列: what the 汇总表, the 看板, rankings and year-on-year add up, stored beside each result
-- so that they are SQL over these columns (sum(numeric)), never a re-read of the evaluation's data or result.
-- Filled by the scoring (store/results.ts storeResult); a row stored before this migration has them null and
-- is marked as made by an older engine, so the recomputation at start fills it.
alter table evaluation_results
  -- 项目名称 (else null: the 汇总表 shows the title)
  add column name text,
  -- 执行率 (%) of the line: recomputed when 调整后预算 and 执行数 are both there, else the stated rate
  add column rate numeric,
  add column rate_stated boolean not null default false,
  -- Σ调整后预算 and Σ执行数 of the figures the rate is computed from, and whether the line has them (0/1)
  add column basis_budget numeric,
  add column basis_executed numeric,
  add column basis_count smallint,
  -- Every stated score it carries (a filed 汇总表: one per project): their sum and number, for averages
  add column stated_sum numeric,
  add column stated_count integer not null default 0,
  -- Error and warning findings, and their keys (http/assess.ts findingKey) so that those marked 不是问题
  -- are left out of the counts in SQL
  add column errors integer not null default 0,
  add column warnings integer not null default 0,
  add column error_keys text[] not null default '{}',
  add column warning_keys text[] not null default '{}',
  -- A filed 汇总表's projects (core SummaryProject[]): its 其中 lines
  add column projects jsonb not null default '[]';

update evaluation_results set engine_version = 'before-012' where basis_count is null;

-- The filters of the 汇总表 and the 看板 (year, region, status, kind) and the score columns they sort on.
create index evaluations_year_department on evaluations (year, department_id);
create index evaluations_status_year on evaluations (status, year);
create index departments_region on departments (region);
create index evaluation_results_grade on evaluation_results (grade);
