import type { Queryable } from '../db/database.ts';

/** 审计事件的种类 — what happened; the Chinese name is what the admin reads. A transition of the review (access.ts TRANSITIONS) is recorded under its own action's name. */
export const AUDIT_KINDS = {
  login: '登录',
  'login-failed': '登录失败',
  logout: '退出登录',
  'password-change': '修改密码',
  'password-reset': '重置密码',
  'user-create': '新建账号',
  'role-change': '变更角色',
  'user-disable': '停用账号',
  'user-enable': '启用账号',
  // The review's steps: who handed a self-evaluation in, who sent it back or accepted it, and when.
  submit: '提交自评',
  return: '退回自评',
  accept: '审核通过',
  publish: '公开报告',
} as const;
export type AuditKind = keyof typeof AUDIT_KINDS;

export interface AuditEntry {
  id: number;
  at: string;
  kind: AuditKind;
  /** 事件 — the kind in Chinese. */
  event: string;
  actor: string;
  address: string;
  subject: string;
  detail: string;
}

/** Appends one entry; `actor` is who acted (null for a failed sign-in: nobody is known yet). */
export async function recordAudit(
  db: Queryable,
  entry: {
    kind: AuditKind;
    actor: { id: number; displayName: string; username?: string } | null;
    address?: string;
    subject?: string;
    detail?: string;
  },
): Promise<void> {
  await db.query(
    'insert into audit_log (kind, actor_id, actor_name, address, subject, detail) values ($1, $2, $3, $4, $5, $6)',
    [
      entry.kind,
      entry.actor?.id ?? null,
      entry.actor ? entry.actor.displayName : '',
      entry.address ?? '',
      entry.subject ?? '',
      entry.detail ?? '',
    ],
  );
}

/** The newest entries first, `limit` at a time, older than `before` (an id) when given. */
export async function listAudit(
  db: Queryable,
  { limit, before, kind }: { limit: number; before?: number; kind?: AuditKind },
): Promise<AuditEntry[]> {
  const r = await db.query<{
    id: number | string;
    at: Date | string;
    kind: AuditKind;
    actor_name: string;
    address: string;
    subject: string;
    detail: string;
  }>(
    `select id, at, kind, actor_name, address, subject, detail from audit_log
      where ($1::bigint is null or id < $1) and ($2::text is null or kind = $2)
      order by id desc limit $3`,
    [before ?? null, kind ?? null, limit],
  );
  return r.rows.map((x) => ({
    id: Number(x.id),
    at: new Date(x.at).toISOString(),
    kind: x.kind,
    event: AUDIT_KINDS[x.kind] ?? x.kind,
    actor: x.actor_name,
    address: x.address,
    subject: x.subject,
    detail: x.detail,
  }));
}
