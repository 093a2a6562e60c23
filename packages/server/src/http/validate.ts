import { z } from 'zod';
import { badRequest } from './errors.ts';

/**
 * 输入校验: every value a request carries is checked here before it reaches SQL or a file name — ids in
 * PostgreSQL's integer range, lengths bounded, no NUL or other control characters, no half of a UTF-16
 * surrogate pair. PostgreSQL refuses NUL in text and jsonb, and an id past 2³¹−1 overflows its integer:
 * both were 500s. Each refusal is a Chinese 400 that names the field.
 */

/** The largest PostgreSQL `integer`; ids are serial. */
export const MAX_ID = 2_147_483_647;

/** C0 and C1 control characters other than tab, line feed and carriage return (those are allowed in multi-line text). */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL_MULTILINE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/u;
/** In a one-line value (a name, a key) no control character at all. */
// eslint-disable-next-line no-control-regex -- as above
const CONTROL_LINE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/u;
/** 方向控制符: they reorder what is shown (U+202E makes "exe.txt" read "txt.exe"). */
const BIDI = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/u;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** The first thing wrong with a string as far as characters go, in words; undefined when it is clean. */
export function badCharacters(value: string, multiline = true): string | undefined {
  if (value.includes('\u0000')) return '含有空字符（NUL）';
  if (LONE_SURROGATE.test(value)) return '含有不完整的 Unicode 字符（孤立的代理项）';
  if ((multiline ? CONTROL_MULTILINE : CONTROL_LINE).test(value)) return '含有控制字符';
  if (BIDI.test(value)) return '含有改变文字方向的控制字符';
  return undefined;
}

/** A piece of text a person typed: bounded, trimmed, with no characters that have no business in it. */
export function text(
  label: string,
  opts: { max: number; min?: number; multiline?: boolean; optional?: false },
): z.ZodType<string>;
export function text(
  label: string,
  opts: { max: number; min?: number; multiline?: boolean; optional: true },
): z.ZodType<string | undefined>;
export function text(
  label: string,
  {
    max,
    min = 0,
    multiline = false,
    optional = false,
  }: { max: number; min?: number; multiline?: boolean; optional?: boolean },
): z.ZodType<string | undefined> {
  const s = z
    .string({ error: `${label}应为文字` })
    .check((ctx) => {
      const bad = badCharacters(ctx.value, multiline);
      if (bad) ctx.issues.push({ code: 'custom', message: `${label}${bad}`, input: ctx.value });
    })
    .transform((v) => v.trim())
    .refine((v) => v.length <= max, { error: `${label}最多 ${max} 个字符` })
    .refine((v) => v.length >= min, {
      error: min <= 1 ? `请填写${label}` : `${label}至少 ${min} 个字符`,
    });
  return optional ? s.optional() : s;
}

/** An id of a stored row: a positive integer that fits PostgreSQL's integer. */
export function id(label: string) {
  return z
    .number({ error: `${label}应为正整数` })
    .int({ error: `${label}应为正整数` })
    .min(1, { error: `${label}应为正整数` })
    .max(MAX_ID, { error: `${label}超出范围（最大 ${MAX_ID}）` });
}

/** What a field should have been, in the words of a message: zod's type names in Chinese. */
const EXPECTED: Record<string, string> = {
  number: '数字',
  int: '整数',
  string: '文字',
  boolean: '是或否',
  array: '列表',
  object: '对象',
  date: '日期',
};

/** The value at an issue's path (zod 4 keeps no input in its issues). */
function valueAt(value: unknown, path: PropertyKey[]): unknown {
  let v = value;
  for (const key of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<PropertyKey, unknown>)[key];
  }
  return v;
}

/**
 * Parses `value` with `schema`; the first problem becomes a Chinese 400. Messages are written with the
 * field's Chinese name in the schema (see `text`, `id`); a missing field gets "缺少…" with its key, a
 * field of the wrong type "…应为数字" — never zod's English.
 */
export function parse<T>(schema: z.ZodType<T>, value: unknown): T {
  const body = value ?? {};
  const r = schema.safeParse(body);
  if (r.success) return r.data;
  const issue = r.error.issues[0]!;
  const where = issue.path.map(String).join('.');
  if (issue.code === 'invalid_type' && where && valueAt(body, issue.path) === undefined)
    throw badRequest(`缺少${where}`);
  // A schema's own message is Chinese; zod's defaults are not, and are said again in Chinese.
  if (/[\u4e00-\u9fff]/.test(issue.message)) throw badRequest(issue.message);
  const field = where || '请求';
  if (issue.code === 'invalid_type')
    throw badRequest(`${field}应为${EXPECTED[issue.expected] ?? issue.expected}`);
  if (issue.code === 'invalid_value')
    throw badRequest(`${field}应为以下之一：${issue.values.map(String).join('、')}`);
  throw badRequest(`${field}有误`);
}

/**
 * An id in the URL (`/api/evaluations/:id`): digits only, no sign, no exponent, within PostgreSQL's integer
 * range. `Number('1e3')` and `2147483648` were accepted before and reached SQL.
 */
export function idParam(params: unknown, label = '自评编号', key = 'id'): number {
  const raw = (params as Record<string, unknown> | undefined)?.[key];
  if (typeof raw !== 'string' || !/^[1-9]\d{0,9}$/.test(raw)) throw badRequest(`${label}应为正整数`);
  const n = Number(raw);
  if (n > MAX_ID) throw badRequest(`${label}超出范围（最大 ${MAX_ID}）`);
  return n;
}

/** A year in a query string (?year=2024); absent or empty is undefined. */
export function yearQuery(query: unknown): number | undefined {
  const raw = (query as { year?: unknown } | undefined)?.year;
  if (raw === undefined || raw === '' || raw === 'all') return undefined;
  if (typeof raw !== 'string' || !/^\d{4}$/.test(raw)) throw badRequest('年度应为四位数字');
  return Number(raw);
}

/** Chinese names of the fields requests carry, for messages about a value found anywhere in a body. */
const FIELD_NAMES: Record<string, string> = {
  username: '用户名',
  password: '密码',
  currentPassword: '当前密码',
  newPassword: '新密码',
  displayName: '姓名',
  name: '名称',
  region: '地区',
  comment: '意见',
  reason: '理由',
  key: '审核发现',
  title: '标题',
  projectName: '项目名称',
  fileName: '文件名',
  id: '编号',
  version: '版本',
  year: '年度',
};

function describePath(where: Array<string | number>, scope: 'body' | 'params' | 'query'): string {
  const last = [...where].reverse().find((p): p is string => typeof p === 'string');
  const named = last && FIELD_NAMES[last];
  const path = where.map((p) => (typeof p === 'number' ? `第 ${p + 1} 项` : p)).join(' → ');
  const place = scope === 'body' ? '' : scope === 'params' ? '地址中的' : '查询参数';
  return named ? `${place}${named}（${path}）` : `${place}字段 ${path || '（整体）'}`;
}

/**
 * Keys checked elsewhere: a file's bytes in Base64 (by the reader), an evaluation (by core's
 * parseEvaluation, which names the indicator and field in its own words).
 */
const CHECKED_ELSEWHERE = new Set(['contentBase64', 'evaluation']);

/**
 * The first string anywhere in a parsed request (body, URL parameters, query) that carries NUL or half a
 * surrogate pair — which no field may hold, and PostgreSQL cannot store — as a Chinese message naming it.
 * Run on every request before any route, so a new route is covered without remembering to.
 */
export function hostileStringIn(parts: {
  body?: unknown;
  params?: unknown;
  query?: unknown;
}): string | undefined {
  for (const scope of ['params', 'query', 'body'] as const) {
    const found = walk(parts[scope], []);
    if (found) return `${describePath(found.path, scope)}${found.problem}，未保存`;
  }
  return undefined;
}

function walk(
  value: unknown,
  path: Array<string | number>,
): { path: Array<string | number>; problem: string } | undefined {
  if (typeof value === 'string') {
    if (value.includes('\u0000')) return { path, problem: '含有空字符（NUL）' };
    if (LONE_SURROGATE.test(value)) return { path, problem: '含有不完整的 Unicode 字符（孤立的代理项）' };
    return undefined;
  }
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = walk(value[i], [...path, i]);
      if (found) return found;
    }
    return undefined;
  }
  if (value && typeof value === 'object' && !Buffer.isBuffer(value)) {
    for (const [k, v] of Object.entries(value)) {
      if (path.length === 0 && CHECKED_ELSEWHERE.has(k)) continue;
      const badKey = walk(k, [...path, k]);
      if (badKey) return badKey;
      const found = walk(v, [...path, k]);
      if (found) return found;
    }
  }
  return undefined;
}

/**
 * A file name for Content-Disposition: the title without control, format or direction characters (U+202E
 * would make "报告‮xcod.exe" show as another extension), path separators or characters Windows refuses;
 * at most 80 characters; "export" when nothing is left.
 */
export function downloadName(title: string, extension: string): string {
  const cleaned = title
    .normalize('NFC')
    .replace(/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Cs}\p{Co}]/gu, '')
    .replace(/[\\/:*?"<>|\s]+/g, '_')
    .replace(/^[._]+|[._]+$/g, '');
  const base = [...cleaned].slice(0, 80).join('') || 'export';
  return `${base}.${extension}`;
}

/**
 * 上传文件名 as stored (the evaluation's source file, the revision note "导入 …", the document): no
 * control, format or direction characters — U+202E in "报告\u202Etxt.exe" would show it as another name
 * wherever it is listed — no folder part, at most 200 characters; the extension, which says how the file
 * is read, is kept.
 */
export function uploadFileName(name: string): string {
  const cleaned = name
    .normalize('NFC')
    .replace(/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Cs}\p{Co}]/gu, '')
    .replace(/[\\/]/g, '_')
    .trim();
  const chars = [...cleaned];
  if (chars.length <= 200) return cleaned || '上传的文件';
  const dot = cleaned.lastIndexOf('.');
  const extension = dot > 0 && cleaned.length - dot <= 10 ? cleaned.slice(dot) : '';
  return chars.slice(0, 200 - extension.length).join('') + extension;
}

/** `attachment` with an ASCII fallback and the real name as RFC 5987 filename* (UTF-8, percent-encoded). */
export function contentDisposition(fileName: string): string {
  const extension = fileName.slice(fileName.lastIndexOf('.') + 1).replace(/[^a-z0-9]/gi, '');
  const encoded = encodeURIComponent(fileName).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="export.${extension}"; filename*=UTF-8''${encoded}`;
}
