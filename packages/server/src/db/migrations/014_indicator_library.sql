-- 指标库: the reasons a new year's 绩效目标 gives for leaving out an indicator of last year's same project
-- (core's DroppedIndicator[]: name and reason). The library itself is a query over approved revisions and
-- accepted evaluations, so nothing else is stored.
alter table target_revisions add column dropped jsonb not null default '[]'::jsonb;
