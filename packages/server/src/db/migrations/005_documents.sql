-- 导入的文件：一份报告的正文陈述（statements, claims）与它的几张表（evaluations）同属一个文件。
-- Kept so the prose-against-table findings (a 占比 in the text that the table contradicts, "达到了各项绩效目标"
-- beside an unmet indicator) and a 部门整体 score that counts its projects' indicators survive the import.
create table documents (
  id serial primary key,
  file text not null,
  statements jsonb not null default '[]',
  claims jsonb not null default '[]',
  created_at timestamptz not null default now()
);
alter table evaluations add column document_id integer references documents (id);
create index evaluations_document on evaluations (document_id);
