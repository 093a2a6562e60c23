import { describe, expect, it } from 'vitest';
import { basicFieldOf, inlineBasicFields } from './basic-fields.ts';

describe('基本信息 labels as the forms print them', () => {
  it('recognises seed 003’s 实施单位 （盖章） and the signature lines', () => {
    expect(basicFieldOf('实施单位 （盖章）')).toBe('implementingUnit');
    expect(basicFieldOf('项目实施单位')).toBe('implementingUnit');
    expect(basicFieldOf('2.项目实施内容及过程概述')).toBe('implementation');
    expect(basicFieldOf('财务负责人：')).toBe('financeLead');
    expect(basicFieldOf('填表日期')).toBe('filledDate');
  });

  it('does not take a neighbouring label or a sentence for a field', () => {
    expect(basicFieldOf('主管部门')).toBeUndefined();
    expect(basicFieldOf('项目负责人顾震')).toBeUndefined();
    expect(basicFieldOf('')).toBeUndefined();
  });

  it('splits label：value pairs written in one line (seed 003’s signatures, seed 004’s contact)', () => {
    expect(inlineBasicFields('项目负责人：顾震')).toEqual([{ field: 'projectLead', value: '顾震' }]);
    expect(inlineBasicFields('（联系人:邹继明;联系电话:0873—3197023）')).toEqual([
      { field: 'contact', value: '邹继明' },
      { field: 'phone', value: '0873—3197023' },
    ]);
    expect(inlineBasicFields('项目负责人：张三 财务负责人：李四')).toEqual([
      { field: 'projectLead', value: '张三' },
      { field: 'financeLead', value: '李四' },
    ]);
  });

  it('leaves a label without a value out', () => {
    expect(inlineBasicFields('填报人：   联系电话：')).toEqual([]);
    expect(inlineBasicFields('全年共受理法律援助案件526件')).toEqual([]);
  });
});
