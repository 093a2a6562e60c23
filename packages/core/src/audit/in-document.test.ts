import { describe, expect, it } from 'vitest';
import { builtinRegistry } from '../frameworks/builtin.ts';
import { newEvaluation } from '../model/build.ts';
import { parseStated } from '../numbers/parse.ts';
import { auditInDocument } from './in-document.ts';

const registry = builtinRegistry();
const project = (id: string) =>
  newEvaluation({ id, title: `${id} 自评表`, kind: 'project', year: 2024, statedTotal: parseStated('90') });

describe('auditInDocument', () => {
  it('gives the result of the evaluation asked for, not the first of the file', () => {
    const a = project('a');
    const b = project('b');
    const doc = { file: 'x.txt', evaluations: [a, b], statements: [], issues: [] };
    expect(auditInDocument(doc, b, registry).evaluation).toBe(b);
    expect(auditInDocument(doc, a, registry).evaluation).toBe(a);
  });

  it('scores a pinned evaluation under exactly that version, and refuses one the registry lacks', () => {
    const a = project('a');
    const doc = { file: 'x.txt', evaluations: [a], statements: [], issues: [] };
    const current = registry.get('project-10-90')!;
    const pinned = auditInDocument(
      doc,
      a,
      registry,
      new Map([[a, { frameworkId: current.id, frameworkVersion: current.version }]]),
    );
    expect(pinned.score).toMatchObject({ frameworkId: current.id, frameworkVersion: current.version });
    expect(() =>
      auditInDocument(doc, a, registry, new Map([[a, { frameworkId: current.id, frameworkVersion: '0.0' }]])),
    ).toThrow('0.0 版');
  });

  it('refuses an evaluation that is not one of the document’s', () => {
    const doc = { file: 'x.txt', evaluations: [project('a')], statements: [], issues: [] };
    expect(() => auditInDocument(doc, project('b'), registry)).toThrow();
  });
});
