import type { Queryable } from '../db/database.ts';

/** 填报年度 — whether 填报人 may still create, change and submit that year's evaluations. */
export interface FiscalYear {
  year: number;
  open: boolean;
  /** 截止日期 YYYY-MM-DD, or null. */
  deadline: string | null;
  updatedByName: string;
  updatedAt: string;
}

interface Row {
  year: number;
  open: boolean;
  deadline: string | null;
  updated_by_name: string;
  updated_at: Date | string;
}

/** The date as text: drivers differ on how they turn a date column into a JS Date (time zones). */
const COLUMNS = `year, open, to_char(deadline, 'YYYY-MM-DD') as deadline, updated_by_name, updated_at`;

function toYear(r: Row): FiscalYear {
  return {
    year: r.year,
    open: r.open,
    deadline: r.deadline,
    updatedByName: r.updated_by_name,
    updatedAt: new Date(r.updated_at).toISOString(),
  };
}

export async function listYears(db: Queryable): Promise<FiscalYear[]> {
  const r = await db.query<Row>(`select ${COLUMNS} from fiscal_years order by year desc`);
  return r.rows.map(toYear);
}

export async function setYear(
  db: Queryable,
  input: { year: number; open: boolean; deadline: string | null; by: string },
): Promise<FiscalYear> {
  const r = await db.query<Row>(
    `insert into fiscal_years (year, open, deadline, updated_by_name) values ($1, $2, $3, $4)
     on conflict (year) do update set open = excluded.open, deadline = excluded.deadline,
       updated_by_name = excluded.updated_by_name, updated_at = now()
     returning ${COLUMNS}`,
    [input.year, input.open, input.deadline, input.by],
  );
  return toYear(r.rows[0]!);
}

/** The closed year among `years`, if any: a year not listed is open. */
export async function closedYear(
  db: Queryable,
  years: Array<number | null | undefined>,
): Promise<FiscalYear | null> {
  const wanted = [...new Set(years.filter((y): y is number => typeof y === 'number'))];
  if (!wanted.length) return null;
  const r = await db.query<Row>(`select ${COLUMNS} from fiscal_years where year = any($1) and not open`, [
    wanted,
  ]);
  return r.rows[0] ? toYear(r.rows[0]) : null;
}
