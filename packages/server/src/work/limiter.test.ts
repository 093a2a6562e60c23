// 并发上限 for the PDFs: a few run, a few wait, the rest are refused at once; a waiting one whose client
// goes away leaves the line.
import { describe, expect, it } from 'vitest';
import { HttpError } from '../http/errors.ts';
import { Limiter } from './pool.ts';

function gate() {
  let open = () => {};
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { open, opened };
}

describe('the limiter of work that cannot go in a thread', () => {
  it('runs `running` at once, lines up `waiting`, refuses the next with 429 and Retry-After', async () => {
    const limit = new Limiter(1, 1, '生成 PDF');
    const first = gate();
    const order: string[] = [];
    const a = limit.run(async () => {
      order.push('a');
      await first.opened;
      return 'a';
    });
    const b = limit.run(async () => {
      order.push('b');
      return 'b';
    });
    const refused = await limit.run(async () => 'c').catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(HttpError);
    expect((refused as HttpError).status).toBe(429);
    expect((refused as HttpError).retryAfter).toBeGreaterThan(0);
    expect((refused as HttpError).message).toBe('服务器正忙（生成 PDF的排队已满），请稍后重试');
    expect(order).toEqual(['a']);
    first.open();
    expect(await Promise.all([a, b])).toEqual(['a', 'b']);
    // The line is empty again: the next runs.
    expect(await limit.run(async () => 'd')).toBe('d');
  });

  it('takes a waiting job whose client went away out of the line, and a failed job frees its place', async () => {
    const limit = new Limiter(1, 1, '生成 PDF');
    const first = gate();
    const a = limit.run(async () => {
      await first.opened;
      throw new Error('打印失败');
    });
    const gone = new AbortController();
    const b = limit.run(async () => 'b', gone.signal).catch((e: unknown) => e);
    gone.abort();
    expect(((await b) as HttpError).status).toBe(499);
    // Its place in line is free again.
    const c = limit.run(async () => 'c');
    first.open();
    await expect(a).rejects.toThrow('打印失败');
    expect(await c).toBe('c');
  });
});
