import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { readDocumentFile } from '@jixiao/formats';
import type { Database } from '../db/database.ts';
import { createDocument } from './documents.ts';
import { countEvaluations, createEvaluation, ensureDepartment } from './evaluations.ts';

const SAMPLE_AUTHOR = { name: '示例数据' };

/**
 * On an empty database, imports the seed reports as sample departments and evaluations, so a new user
 * sees real content at once. Returns how many evaluations it imported (0 when the database had data).
 */
export async function importSamples(db: Database, seedsDir: string): Promise<number> {
  if ((await countEvaluations(db)) > 0) return 0;
  const files = (await readdir(seedsDir)).filter((f) => f.endsWith('.txt')).sort();
  let count = 0;
  for (const f of files) {
    const doc = await readDocumentFile(join(seedsDir, f));
    const organization = doc.evaluations.find((e) => e.organization)?.organization ?? f.replace(/\.txt$/, '');
    const departmentId = await ensureDepartment(db, organization);
    const documentId = await createDocument(db, doc);
    for (const evaluation of doc.evaluations) {
      await createEvaluation(db, {
        departmentId,
        evaluation,
        sourceFile: f,
        author: SAMPLE_AUTHOR,
        note: `导入示例 ${f}`,
        documentId,
      });
      count++;
    }
  }
  return count;
}
