import type { IndicatorCount, MonitoringPoint, NarrativeStatement, UnmetExplanation } from '@jixiao/core';
import { claimsIn } from './claims.ts';
import { indicatorCountsIn } from './indicator-counts.ts';
import { mergeMonitoring, monitoringFromUnmet, monitoringIn } from './monitoring.ts';
import { categoryScoresIn, gradesIn } from './scores.ts';
import { unmetIn } from './unmet.ts';
import { findOrganization, findTitle, findYear } from './meta.ts';
import { lineAt, proseParagraphs } from './paragraphs.ts';
import { aboutAt, paragraphStatements } from './statements.ts';
import { cleanLabel } from './subject.ts';
import type { NarrativeFacts, NumberedLine } from './types.ts';

const REPORT_TITLE = /(?:报告|总结)(?:[（(][^）)]{1,8}[)）])?$/;
const SECTION_NAME = /^[（(]([^（）()]{2,30})[)）]$/;
const MARKER =
  /^(?:第[一二三四五六七八九十百]+部分|[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十\d]+[)）]|\d{1,2}[.．、])/;

/** Facts of a text with no prose to read (also what a test passes to read its tables alone). */
export function emptyNarrativeFacts(): NarrativeFacts {
  return {
    statements: [],
    categoryScores: [],
    indicatorCounts: [],
    monitoring: [],
    unmetExplanations: [],
    statedTotals: [],
    statedGrades: [],
    claims: [],
  };
}

/**
 * Reads the prose of a report: every figure as a statement (subject, qualifiers, project), and the
 * facts the prose states outright — self-scores and grades, 一级 subtotals, indicator counts,
 * execution checkpoints and the list of unmet targets with their reasons. Table rows are skipped;
 * the table reader handles them.
 */
export function extractNarrative(lines: NumberedLine[], file: string): NarrativeFacts {
  const paragraphs = proseParagraphs(lines);
  const facts = emptyNarrativeFacts();
  const counts = new Map<string, IndicatorCount>();
  const monitoring: MonitoringPoint[] = [];
  let sectionAbout: string | undefined;
  let itemAbout: string | undefined;
  let itemLevel = 99;
  let heading: string | undefined;
  let unmetType: string | undefined;

  for (let i = 0; i < paragraphs.length; i++) {
    const p = paragraphs[i]!;
    if (p.titleLike && REPORT_TITLE.test(p.text) && !/^附/.test(p.text)) {
      const next = paragraphs[i + 1];
      sectionAbout = next ? SECTION_NAME.exec(next.text)?.[1] : undefined;
      itemAbout = undefined;
    }
    if (p.level !== null && p.level < 5) {
      if (p.level <= itemLevel) itemAbout = undefined;
      const lead = p.text.replace(MARKER, '').split(/[：:。]/)[0] ?? '';
      const name = lead.length <= 40 ? /^(.{2,30}?)项目(?!支出)/.exec(lead)?.[1] : undefined;
      if (name && !/部门|单位|整体/.test(name)) {
        itemAbout = name;
        itemLevel = p.level;
      }
      if (lead.length <= 30) {
        heading = cleanLabel(lead) || heading;
        unmetType = /指标$/.test(heading ?? '') ? heading : undefined;
      }
    } else if (p.titleLike) {
      heading = cleanLabel(p.text) || heading;
    }
    const about = itemAbout ?? sectionAbout;
    const read = paragraphStatements(p, file, { about, heading });
    facts.statements.push(...read.statements);
    for (const t of read.totals) facts.statedTotals.push(totalOf(t));
    for (const g of gradesIn(p)) {
      const gradeAbout = aboutAt(read.switches, g.at, about);
      const sentence = p.text.slice(0, p.text.indexOf('。', g.at) + 1 || undefined);
      facts.statedGrades.push({
        raw: g.raw,
        ...(gradeAbout ? { about: gradeAbout } : {}),
        text: sentence.slice(sentence.lastIndexOf('。', g.at) + 1).trim(),
        source: { file, line: lineAt(p, g.at) },
      });
    }
    facts.categoryScores.push(...categoryScoresIn(p, file));
    if (!p.titleLike) facts.claims!.push(...claimsIn(p, file, about));
    indicatorCountsIn(p, file, counts);
    if (p.level === 5) {
      const u: UnmetExplanation | undefined = unmetIn(p, file, unmetType);
      if (u) {
        facts.unmetExplanations.push(u);
        const point = monitoringFromUnmet(u);
        if (point) monitoring.push(point);
      }
    }
    monitoring.push(...monitoringIn(p, read.statements, read.offsets));
  }

  // Project names are matched against table rows, which mostly write half-width brackets.
  for (const x of [...facts.statements, ...facts.statedTotals, ...facts.statedGrades]) {
    if (x.about) x.about = halfWidthBrackets(x.about);
  }
  const total = counts.get('合计');
  facts.indicatorCounts = [
    ...[...counts.values()].filter((c) => c.type !== '合计'),
    ...(total ? [total] : []),
  ];
  facts.monitoring = mergeMonitoring(monitoring);
  const title = findTitle(paragraphs)?.title;
  if (title) facts.title = title;
  const year = findYear(title, paragraphs);
  if (year !== undefined) facts.year = year;
  const organization = findOrganization(title, paragraphs);
  if (organization) facts.organization = organization;
  return facts;
}

function totalOf(s: NarrativeStatement): NarrativeFacts['statedTotals'][number] {
  return {
    value: s.value,
    ...(s.about ? { about: s.about } : {}),
    text: s.text,
    ...(s.source ? { source: s.source } : {}),
  };
}

function halfWidthBrackets(name: string): string {
  return name.replace(/（/g, '(').replace(/）/g, ')');
}
