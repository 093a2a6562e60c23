import { describe, expect, it } from 'vitest';
import {
  badCharacters,
  contentDisposition,
  downloadName,
  hostileStringIn,
  idParam,
  parse,
  uploadFileName,
} from './validate.ts';
import { z } from 'zod';

describe('request values', () => {
  it('takes an id only as digits within PostgreSQL integer', () => {
    expect(idParam({ id: '42' })).toBe(42);
    expect(idParam({ id: '2147483647' })).toBe(2147483647);
    for (const bad of ['2147483648', '99999999999', '0', '-1', '1e3', '0x10', ' 1', 'abc', ''])
      expect(() => idParam({ id: bad }), bad).toThrow(/自评编号(应为正整数|超出范围)/);
  });

  it('names what is wrong with the characters of a value', () => {
    expect(badCharacters('甲局')).toBeUndefined();
    expect(badCharacters('第一行\n第二行', true)).toBeUndefined();
    expect(badCharacters('第一行\n第二行', false)).toBe('含有控制字符');
    expect(badCharacters('a\u0000b')).toContain('空字符');
    expect(badCharacters('a\ud800b')).toContain('孤立的代理项');
    expect(badCharacters('😀')).toBeUndefined(); // a proper surrogate pair
    expect(badCharacters('报告\u202Excod.exe')).toContain('文字方向');
  });

  it('finds NUL or a lone surrogate anywhere in a request and names the field', () => {
    expect(hostileStringIn({ body: { username: 'a\u0000' } })).toBe(
      '用户名（username）含有空字符（NUL），未保存',
    );
    expect(hostileStringIn({ body: { list: [{ comment: 'x' }, { comment: '\udc00' }] } })).toBe(
      '意见（list → 第 2 项 → comment）含有不完整的 Unicode 字符（孤立的代理项），未保存',
    );
    expect(hostileStringIn({ params: { id: '\u0000' } })).toContain('地址中的编号（id）');
    expect(hostileStringIn({ body: { ['k\u0000']: 1 } })).toContain('含有空字符');
    expect(hostileStringIn({ body: { contentBase64: 'AAAA', username: 'ok' } })).toBeUndefined();
  });
});

describe('uploaded file names as stored', () => {
  it('drops direction and control characters and folders, and keeps the extension', () => {
    expect(uploadFileName('自评\u202Etxt.exe\u202C.docx')).toBe('自评txt.exe.docx');
    expect(uploadFileName('a\u2066b\u0007c\u0085d.txt')).toBe('abcd.txt');
    expect(uploadFileName('../年度/自评.xlsx')).toBe('.._年度_自评.xlsx');
    expect(uploadFileName('\u202E')).toBe('上传的文件');
    const long = uploadFileName(`${'长'.repeat(300)}.xlsx`);
    expect([...long].length).toBe(200);
    expect(long.endsWith('长.xlsx')).toBe(true);
    // A character outside the BMP is not cut in half.
    expect([...uploadFileName('𠀀'.repeat(250))].every((c) => c === '𠀀')).toBe(true);
  });
});

describe('download file names', () => {
  it('drops direction, control and invisible characters and path separators', () => {
    expect(downloadName('项目\u202Excod.exe', 'xlsx')).toBe('项目xcod.exe.xlsx');
    expect(downloadName('a\u2066b\u200bc\u0007d\u2028e', 'pdf')).toBe('abcde.pdf');
    expect(downloadName('../../etc/passwd', 'docx')).toBe('etc_passwd.docx');
    expect(downloadName('\u202E\u202E', 'pdf')).toBe('export.pdf');
    expect([...downloadName('长'.repeat(300), 'pdf')].length).toBe(84);
  });

  it('sends an ASCII fallback and the UTF-8 name as RFC 5987 filename*', () => {
    const header = contentDisposition('2024年度 自评(终).xlsx');
    expect(header).toBe(
      `attachment; filename="export.xlsx"; filename*=UTF-8''2024%E5%B9%B4%E5%BA%A6%20%E8%87%AA%E8%AF%84%28%E7%BB%88%29.xlsx`,
    );
    expect(decodeURIComponent(header.split("''")[1]!)).toBe('2024年度 自评(终).xlsx');
  });

  it("says in Chinese what is missing and what has the wrong type, never zod's English", () => {
    const schema = z.object({
      year: z.number().int(),
      kind: z.enum(['project', 'department']),
      name: z.string({ error: '请填写名称' }),
    });
    const ok = { year: 2025, kind: 'project', name: '甲' };
    expect(parse(schema, ok)).toEqual(ok);
    const message = (v: unknown) => {
      try {
        parse(schema, v);
      } catch (e) {
        return (e as Error).message;
      }
      return '';
    };
    expect(message({ kind: 'project', name: '甲' })).toBe('缺少year');
    expect(message({ ...ok, year: 'next' })).toBe('year应为数字');
    expect(message({ ...ok, kind: 'x' })).toBe('kind应为以下之一：project、department');
    expect(message({ ...ok, name: 5 })).toBe('请填写名称');
    expect(message({ ...ok, year: 1.5 })).toBe('year应为整数');
  });
});
