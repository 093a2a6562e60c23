import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { auditDocument, findingKey, scoreEvaluation, type FrameworkRegistry } from '@jixiao/core';
import { readDocumentFile } from '@jixiao/formats';
import type { Database } from '../db/database.ts';
import { createDocument } from './documents.ts';
import {
  countEvaluations,
  createEvaluationIn,
  ensureDepartment,
  type EvaluationStatus,
} from './evaluations.ts';
import { setStatus } from './listing.ts';

const SAMPLE_AUTHOR = { name: '示例数据' };

/** samples.json beside the seeds: where each sample file's department sits and how far its review got. */
interface SampleManifest {
  files: Record<string, { region?: string; status?: EvaluationStatus }>;
}

/** The status changes that bring a fresh draft to `status`, each as the real flow records it. */
const PATH: Record<EvaluationStatus, EvaluationStatus[]> = {
  draft: [],
  submitted: ['submitted'],
  returned: ['submitted', 'returned'],
  accepted: ['submitted', 'accepted'],
  published: ['submitted', 'accepted', 'published'],
};

const FROM: Record<EvaluationStatus, EvaluationStatus> = {
  draft: 'draft',
  submitted: 'draft',
  returned: 'submitted',
  accepted: 'submitted',
  published: 'accepted',
};

async function manifestOf(seedsDir: string): Promise<SampleManifest> {
  const file = join(seedsDir, 'samples.json');
  if (!existsSync(file)) return { files: {} };
  return JSON.parse(await readFile(file, 'utf8')) as SampleManifest;
}

/**
 * On an empty database, imports the seed reports as sample departments and evaluations, so a new user
 * sees real content at once: each file in its region and at the review status samples.json gives it
 * (submitted through the same freeze as a real submission, its error findings explained as kept on
 * purpose). Returns how many evaluations it imported (0 when the database had data).
 */
export async function importSamples(
  db: Database,
  seedsDir: string,
  registry?: FrameworkRegistry,
): Promise<number> {
  if ((await countEvaluations(db)) > 0) return 0;
  const manifest = await manifestOf(seedsDir);
  const files = (await readdir(seedsDir)).filter((f) => f.endsWith('.txt')).sort();
  let count = 0;
  for (const f of files) {
    const doc = await readDocumentFile(join(seedsDir, f));
    const sample = manifest.files[f] ?? {};
    const status = registry ? (sample.status ?? 'draft') : 'draft';
    const organization = doc.evaluations.find((e) => e.organization)?.organization ?? f.replace(/\.txt$/, '');
    const audit = registry
      ? auditDocument(doc, (e) => scoreEvaluation(e, registry, { related: doc.evaluations }))
      : null;
    count += await db.transaction(async (tx) => {
      const departmentId = await ensureDepartment(tx, organization, sample.region ?? '');
      const documentId = await createDocument(tx, doc);
      for (const [i, evaluation] of doc.evaluations.entries()) {
        const stored = await createEvaluationIn(tx, {
          departmentId,
          evaluation,
          sourceFile: f,
          author: SAMPLE_AUTHOR,
          note: `导入示例 ${f}`,
          documentId,
        });
        let version = stored.version;
        for (const to of PATH[status]) {
          const result = audit!.results[i]!;
          const explanations = Object.fromEntries(
            result.findings
              .filter((x) => x.severity === 'error')
              .map((x) => [findingKey(x), '示例数据：按已公开的原报告导入，未作修改，错误保留作示例']),
          );
          const note =
            to === 'submitted' ? JSON.stringify({ comment: '示例数据', explanations }) : '示例数据';
          await setStatus(
            tx,
            stored.id,
            [FROM[to]],
            to,
            SAMPLE_AUTHOR,
            note,
            to === 'submitted'
              ? {
                  expectedVersion: version,
                  frameworkId: result.score.frameworkId,
                  frameworkVersion: result.score.frameworkVersion,
                }
              : undefined,
          );
          version++;
        }
      }
      return doc.evaluations.length;
    });
  }
  return count;
}
