import { describe, expect, it } from 'vitest';
import { fillForm, renderForm } from '../../testing/render-form.ts';
import { readText } from '../read-text.ts';
import { describedForms } from './forms.ts';

// A described form rendered without its title row, as copies that drop the caption give it.
const untitled = (id: string) => {
  const form = describedForms().find((f) => f.id === id)!;
  return renderForm(form, fillForm(form), 'tab-rows').split('\n').slice(1).join('\n');
};

describe('a table printed without a title', () => {
  it('is named by the heading above it, so two such tables of one document are told apart', () => {
    const text = [
      '一、法律援助经费',
      '',
      untitled('sichuan-510000-project'),
      '',
      '以上为第一个项目。',
      '',
      '（二）社区矫正经费：',
      untitled('sichuan-510000-project'),
    ].join('\n');
    const titles = readText(text, 'x.txt')
      .evaluations.filter((e) => e.indicators.length)
      .map((e) => e.title);
    expect(titles).toEqual(['法律援助经费', '社区矫正经费']);
  });

  it('is named by its 项目名称 cell when it has one', () => {
    const table = ['项目名称\t卫片执法补助经费\t\t', untitled('national-project-2020')].join('\n');
    const e = readText(`说明文字较长的一段话，介绍了本单位的情况。\n\n${table}`, 'x.txt').evaluations.find(
      (x) => x.indicators.length,
    )!;
    expect(e.title).toBe('卫片执法补助经费');
  });

  it('stays 未命名表格 when nothing above names it (prose, an address)', () => {
    const text = ['https://example.gov.cn/a.html', '', untitled('national-project-2020')].join('\n');
    const e = readText(text, 'x.txt').evaluations.find((x) => x.indicators.length)!;
    expect(e.title).toBe('未命名表格');
  });
});
