import { describe, expect, it } from 'vitest';
import { D } from './decimal.ts';
import { compareWithRounding } from './tolerance.ts';

describe('compareWithRounding', () => {
  it('accepts a 0.01 gap in a 2-decimal sum of two rounded parts', () => {
    // seed 002: 417.88 + 256.96 = 674.84 against a stated 674.85
    expect(compareWithRounding(new D('674.85'), 2, new D('674.84'), [2, 2]).verdict).toBe('within-rounding');
  });
  it('rejects a 1.50 gap whatever the parts', () => {
    expect(compareWithRounding(new D('100'), 2, new D('98.50'), [2, 2, 2, 2, 2]).verdict).toBe(
      'beyond-rounding',
    );
  });
  it('tells truncation apart: 2 / 3 = 66.666…% stated as 66.66%', () => {
    const computed = new D(2).div(3).times(100);
    expect(compareWithRounding(new D('66.66'), 2, computed).verdict).toBe('truncation');
  });
  it('seed 000: 24.81 / 35.20 = 70.48% stated as 70.47% is beyond rounding', () => {
    const computed = new D('24.81').div('35.20').times(100);
    expect(compareWithRounding(new D('70.47'), 2, computed).verdict).toBe('beyond-rounding');
  });
  it('an integer percent allows half a point', () => {
    const computed = new D('0.09').div('2').times(100); // 4.5%
    expect(compareWithRounding(new D('5'), 0, computed).verdict).toBe('within-rounding');
  });
});
