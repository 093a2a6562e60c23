import { describe, expect, it } from 'vitest';
import { selfAccuracy } from './review.ts';

describe('自评准确 beside the review score', () => {
  it('takes the bands from the framework that has the rule (seed 003, 遂宁)', () => {
    const id = { frameworkId: 'suining-district-department-2024' };
    expect(selfAccuracy(id, 90, 88)).toMatchObject({ deduction: '0' }); // 2.27%
    expect(selfAccuracy(id, 90, 84)).toMatchObject({ deduction: '4' }); // 7.14%
    expect(selfAccuracy(id, 90, 80).percent).toBe('12.50');
    expect(selfAccuracy(id, 90, 80)).toMatchObject({ deduction: '8' });
    expect(selfAccuracy(id, 90, 70)).toMatchObject({ deduction: '10' }); // 28.57%
  });

  it('gives no deduction where the framework has no such rule', () => {
    expect(selfAccuracy({ frameworkId: 'project-10-90' }, 100, 85)).toMatchObject({
      gap: '15.00',
      deduction: null,
    });
  });
});
