import { describe, expect, it } from 'vitest';
import type { RuleOf } from '../../frameworks/schema.ts';
import { D } from '../../numbers/decimal.ts';
import { applyOverAchievement } from './over-achievement.ts';

const rule = (mode: 'explain' | 'penalty' | 'void', extra: Partial<RuleOf<'over-achievement'>> = {}) =>
  ({
    id: `over.${mode}`,
    cite: 'x',
    kind: 'over-achievement',
    mode,
    ratio: '1.3',
    zeroTargetActual: '30',
    penalty: '2',
    directions: ['≥', '='],
    level2: [],
    ...extra,
  }) as RuleOf<'over-achievement'>;

describe('超额完成', () => {
  it('(i) explain: at 130% of target a reason is required, the score stays', () => {
    const o = applyOverAchievement(rule('explain'), new D(100), new D(130), new D(10), 2);
    expect(o).toMatchObject({ kind: 'explain', ratio: '1.3' });
    expect(o!.score.toFixed()).toBe('10');
    expect(o!.effect).toContain('须说明超额原因（未填写）');
  });
  it('just under 130% triggers nothing', () => {
    expect(applyOverAchievement(rule('explain'), new D(100), new D('129.99'), new D(10), 2)).toBeNull();
  });
  it('target 0: an actual of 30 triggers, 29 does not', () => {
    expect(applyOverAchievement(rule('explain'), new D(0), new D(30), new D(10), 2)?.ratio).toBe('∞');
    expect(applyOverAchievement(rule('explain'), new D(0), new D(29), new D(10), 2)).toBeNull();
  });
  it('(ii) penalty: seed 001 司法所数量 ≥2个, actual 6个 (300%) loses 2 of 5 points', () => {
    const o = applyOverAchievement(rule('penalty'), new D(2), new D(6), new D(5), 2);
    expect(o!.score.toFixed(2)).toBe('3.00');
    expect(o!.formula).toBe('5 − 2 = 3');
  });
  it('(iii) void: more than 30% over target does not count', () => {
    const o = applyOverAchievement(rule('void'), new D(200), new D(300), new D(5), 2);
    expect(o).toMatchObject({ kind: 'void' });
    expect(o!.score.toFixed()).toBe('0');
  });
});

describe('超额完成 with a reason written', () => {
  it('says the reason is there', () => {
    const o = applyOverAchievement(rule('explain'), new D(100), new D(150), new D(10), 2, '年中追加任务');
    expect(o!.effect).toContain('（已填写）');
  });
});
