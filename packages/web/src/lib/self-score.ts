import { D, parseStated, rowScoreTotal, type Evaluation } from '@jixiao/core';

/**
 * 自评得分 follows the rows: after an edit of `prev` into `next`, the 自评得分 becomes the rows' total
 * (core's rowScoreTotal) as long as it was following them — blank, or equal to what the rows added up to
 * before. A 自评得分 typed over (or read from a document) that differs stays as it is: an override, shown
 * as a stated difference rather than silently replaced.
 */
export function followRowTotal(prev: Evaluation, next: Evaluation): Evaluation {
  if (next.statedTotal !== prev.statedTotal) return next;
  const before = rowScoreTotal(prev).total;
  const stated = prev.statedTotal;
  const following =
    !stated ||
    stated.raw.trim() === '' ||
    (before !== null && stated.value !== null && new D(stated.value).eq(before));
  if (!following) return next;
  const after = rowScoreTotal(next).total;
  // A 完成值 or a name typed leaves the rows' total as it was: the 自评得分 stays as written ("90.00").
  if (after === before) return next;
  if (after === null) {
    const { statedTotal: _dropped, ...rest } = next;
    return rest;
  }
  return { ...next, statedTotal: parseStated(after) };
}
