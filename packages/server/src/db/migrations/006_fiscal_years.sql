-- 填报年度: the admin closes a year's filling (截止) once its deadline has passed. A year not listed here
-- is open, so a new installation and the sample data need no setup.
create table fiscal_years (
  year integer primary key check (year between 1990 and 2200),
  open boolean not null default true,
  -- 填报截止日期, shown to the 填报人; closing is the admin's act, not the calendar's.
  deadline date,
  updated_by_name text not null default '',
  updated_at timestamptz not null default now()
);
