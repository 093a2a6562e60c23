import { describe, expect, it } from 'vitest';
import { closeImpliedTags } from './end-tags.ts';
import { readHtml } from './read-html.ts';

describe('closeImpliedTags', () => {
  it('closes cells and rows a page leaves open', () => {
    expect(closeImpliedTags('<table><tr><td>1<td>人民调解<tr><td>2</table>')).toBe(
      '<table><tr><td>1</td><td>人民调解</td></tr><tr><td>2</td></tr></table>',
    );
  });

  it('ends an open paragraph before a table and inside a cell', () => {
    expect(closeImpliedTags('<p>汇总表<table><tr><td><p>甲</td></tr></table>')).toBe(
      '<p>汇总表</p><table><tr><td><p>甲</p></td></tr></table>',
    );
  });

  it('keeps the list number Word wraps in <![if !supportLists]>, without the markers', () => {
    expect(closeImpliedTags('<p><![if !supportLists]><span>1.</span><![endif]>人民调解</p>')).toBe(
      '<p><span>1.</span>人民调解</p>',
    );
  });

  it('leaves a well-formed page and script text alone', () => {
    const page =
      '<p>甲</p><script>if (a<b) document.write("<td>")</script><table><tr><td>1</td></tr></table>';
    expect(closeImpliedTags(page)).toBe(page);
  });
});

describe('readHtml on a page written without end tags', () => {
  it('reads the 汇总表 rows as a browser would', () => {
    const doc = readHtml(
      '<p>项目支出绩效自评汇总表\n<table>\n<tr><th>序号<th>项目名称<th>全年预算数<th>全年执行数<th>预算执行率<th>自评得分\n' +
        '<tr><td>1<td>人民调解<td>35.20<td>24.81<td>70.47%<td>93.85\n' +
        '<tr><td>2<td>社区矫正<td>40.00<td>18.00<td>45%<td>93.25\n</table>\n<p>结束',
      'old.html',
    );
    const ev = doc.evaluations[0]!;
    expect(ev.title).toBe('项目支出绩效自评汇总表');
    expect(ev.summaryRows.map((r) => [r.name, r.executed?.raw, r.statedScore?.raw, r.source?.line])).toEqual([
      ['人民调解', '24.81', '93.85', 4],
      ['社区矫正', '18.00', '93.25', 5],
    ]);
  });
});
