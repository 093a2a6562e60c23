import { parseStated, type Indicator } from '@jixiao/core';
import { describe, expect, it } from 'vitest';
import { clipboardBlock, pasteIntoIndicators } from './paste.ts';

const row = (id: string, init: Partial<Indicator> = {}): Indicator => ({
  id,
  level1: '产出指标',
  level2: '数量指标',
  name: '',
  direction: null,
  ...init,
});
const anything = () => true;

describe('clipboardBlock', () => {
  it("reads Excel's and WPS's clipboard text: tabs, CRLF, a quoted cell with a line break", () => {
    const text = '法律援助案件数\t正向\t≥500\t件\r\n"群众满意度\n（问卷）"\t正向\t≥90%\t\r\n';
    expect(clipboardBlock(text)).toEqual([
      ['法律援助案件数', '正向', '≥500', '件'],
      ['群众满意度\n（问卷）', '正向', '≥90%', ''],
    ]);
  });

  it('leaves a single value to an ordinary paste, and skips blank lines', () => {
    expect(clipboardBlock('520件')).toBeNull();
    expect(clipboardBlock('520件\r\n')).toBeNull();
    expect(clipboardBlock('520\n\n530\n')).toEqual([['520'], ['530']]);
  });
});

describe('pasteIntoIndicators', () => {
  it('fills rows from the pasted column rightwards, with figures parsed as typed', () => {
    const rows = [row('a'), row('b')];
    const r = pasteIntoIndicators(
      rows,
      { row: 0, column: 'name' },
      [
        ['案件数', '正向', '≥500', '件', '520', '20', '20'],
        ['满意度', '反向', '≤5%', '', '3%', '10', '9.5', '略有投诉'],
      ],
      anything,
    );
    expect(r).toMatchObject({ filled: 15, added: 0, kept: 0 });
    const [a, b] = r.indicators;
    expect(a).toMatchObject({ name: '案件数', direction: '≥', unit: '件' });
    expect(a!.target).toEqual(parseStated('≥500'));
    expect(a!.statedScore?.value).toBe('20');
    expect(b).toMatchObject({ name: '满意度', direction: '≤', deviationReason: '略有投诉' });
    expect(b!.actual?.percent).toBe(true);
    expect(b).not.toHaveProperty('unit');
    expect(rows[0]!.name).toBe(''); // the table's rows are not changed in place
  });

  it('adds rows under the last 一级/二级 for lines past the end, and keeps cells a row does not let one type', () => {
    const rows = [row('a', { name: '案件数', target: parseStated('≥500'), source: { file: 'x.txt' } })];
    const r = pasteIntoIndicators(
      rows,
      { row: 0, column: 'target' },
      [
        ['≥600', '件', '520'],
        ['≥90%', '', '95%'],
      ],
      (ind, column) => !(ind.source && column === 'target'),
    );
    expect(r).toMatchObject({ filled: 5, added: 1, kept: 1 });
    expect(r.indicators[0]!.target?.raw).toBe('≥500');
    expect(r.indicators[0]!.actual?.raw).toBe('520');
    expect(r.indicators[1]).toMatchObject({ level1: '产出指标', level2: '数量指标', id: 'row-2' });
    expect(r.indicators[1]!.target?.raw).toBe('≥90%');
  });

  it('drops cells past the last column', () => {
    const r = pasteIntoIndicators(
      [row('a')],
      { row: 0, column: 'deviationReason' },
      [['原因', '多余']],
      anything,
    );
    expect(r.indicators[0]!.deviationReason).toBe('原因');
    expect(r.filled).toBe(1);
  });
});
