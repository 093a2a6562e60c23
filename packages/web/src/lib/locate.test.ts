import { describe, expect, it } from 'vitest';
import type { Finding } from '@jixiao/core';
import { findingPlace } from './locate.ts';

const finding = (location: Finding['location'], evidence: Finding['evidence'] = {}): Finding =>
  ({
    code: 'incomplete',
    severity: 'error',
    message: '',
    location,
    evidence,
    rule: 'audit.complete-goal',
  }) as Finding;

describe('where a finding points, in words', () => {
  it('names the row and its place in the file', () => {
    expect(findingPlace(finding({ indicator: '法律援助人次', file: 'a.txt', line: 12 }))).toBe(
      '指标「法律援助人次」 · 第 12 行',
    );
  });

  it('a row typed in the editor is named alone, never 位置未知', () => {
    expect(findingPlace(finding({ indicator: '法律援助人次' }))).toBe('指标「法律援助人次」');
  });

  it('a field of the form is named by its label; nothing at all is the whole form', () => {
    expect(findingPlace(finding({}, { about: '年度总体目标' }))).toBe('「年度总体目标」栏');
    expect(findingPlace(finding({}))).toBe('整张自评表');
  });
});
