-- 重新计分的进度: each recomputation (after a framework upload, an engine upgrade, or at start when results
-- no longer hold) is a run of batches of evaluations. The batches are pg-boss jobs (its own schema); these
-- tables only count what the jobs did, for the admin's progress card: a batch records its figures once, so a
-- batch retried after a crash or a restart is not counted twice.
create table recompute_runs (
  id serial primary key,
  -- 'framework' (a version uploaded), 'start' (found at start: engine upgraded, or work left over).
  reason text not null,
  total integer not null,
  started_at timestamptz not null default now(),
  finished_at timestamptz
);
create table recompute_batches (
  run_id integer not null references recompute_runs (id) on delete cascade,
  batch integer not null,
  evaluation_ids integer[] not null,
  done integer,
  failed integer,
  finished_at timestamptz,
  primary key (run_id, batch)
);
create index recompute_runs_open on recompute_runs (started_at) where finished_at is null;
