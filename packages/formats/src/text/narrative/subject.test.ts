import { describe, expect, it } from 'vitest';
import { cleanSubject, clauseStart } from './subject.ts';

describe('cleanSubject', () => {
  it('cuts scope words and connectives', () => {
    expect(cleanSubject('全年共受理法律援助案件')).toBe('受理法律援助案件');
    expect(cleanSubject('调解成功率为')).toBe('调解成功率');
    expect(cleanSubject('全区司法所共参与调解各类矛盾纠纷')).toBe('参与调解各类矛盾纠纷');
    expect(cleanSubject('全年列管社区矫正对象')).toBe('列管社区矫正对象');
  });
  it('names a list by the category after 等, and the effect after 使得', () => {
    expect(cleanSubject('基本工资、津贴补贴、奖金、职工保险等人员经费支出')).toBe('人员经费支出');
    expect(cleanSubject('该项目实施使得社区矫正对象脱管率为')).toBe('社区矫正对象脱管率');
    expect(cleanSubject('评价等级为')).toBe('评价等级');
  });
  it('keeps 公共 and 全年预算数 whole', () => {
    expect(cleanSubject('村（居）公共法律服务工作室')).toBe('村（居）公共法律服务工作室');
    expect(cleanSubject('全年预算数')).toBe('全年预算数');
  });
  it('drops the date and the reporting body before the subject', () => {
    expect(cleanSubject('红河州司法局本级机关2024年基本支出到位')).toBe('基本支出到位');
    expect(cleanSubject('2024年12月31日止我办在职人员')).toBe('在职人员');
  });
  it('drops a trailing explanation in brackets', () => {
    expect(cleanSubject('代理非诉案件（包括行政复议、仲裁、重大决策专项法律意见书等）')).toBe('代理非诉案件');
  });
});

describe('clauseStart', () => {
  it('does not stop at a comma inside brackets', () => {
    const text = '代理非诉案件（包括行政复议、仲裁等）1件';
    expect(text.slice(clauseStart(text, text.indexOf('1件')))).toBe(
      '代理非诉案件（包括行政复议、仲裁等）1件',
    );
  });
});
