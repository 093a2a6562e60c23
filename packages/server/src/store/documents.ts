import type { EvaluationDocument, NarrativeClaim, NarrativeStatement } from '@jixiao/core';
import type { Queryable } from '../db/database.ts';
import { evaluationsOfDocument, type StoredEvaluation } from './evaluations.ts';

/** 导入文件的正文: what the prose of an imported file said, kept beside its tables. */
export async function createDocument(
  db: Queryable,
  document: Pick<EvaluationDocument, 'file' | 'statements' | 'claims'>,
): Promise<number> {
  const r = await db.query<{ id: number }>(
    'insert into documents (file, statements, claims) values ($1, $2, $3) returning id',
    [document.file, JSON.stringify(document.statements), JSON.stringify(document.claims ?? [])],
  );
  return r.rows[0]!.id;
}

function json<T>(v: unknown): T {
  return (typeof v === 'string' ? JSON.parse(v) : v) as T;
}

/**
 * The document a stored evaluation belongs to, as core audits it: the prose, and every evaluation read
 * from the same file as stored now (this one first in file order, where it was). Null for an evaluation
 * created blank or imported before documents were kept.
 */
export async function storedDocument(
  db: Queryable,
  stored: StoredEvaluation,
): Promise<{ document: EvaluationDocument; members: StoredEvaluation[] } | null> {
  if (stored.documentId === null) return null;
  const d = await db.query<{ file: string; statements: unknown; claims: unknown }>(
    'select file, statements, claims from documents where id = $1',
    [stored.documentId],
  );
  const row = d.rows[0];
  if (!row) return null;
  // Every member in one query; the one asked about is the caller's own object, as it read it.
  const members = (await evaluationsOfDocument(db, stored.documentId)).map((m) =>
    m.id === stored.id ? stored : m,
  );
  return {
    document: {
      file: row.file,
      evaluations: members.map((m) => m.evaluation),
      statements: json<NarrativeStatement[]>(row.statements),
      claims: json<NarrativeClaim[]>(row.claims),
      issues: [],
    },
    members,
  };
}
