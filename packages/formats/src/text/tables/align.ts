import { parseStated } from '@jixiao/core';
import type { RawCell } from './types.ts';

type Shape = 'e' | 'n' | 't';

// Rows repeat the same few cell texts; a small cache keeps realignment linear in practice.
const shapes = new Map<string, Shape>();

function shapeOf(text: string): Shape {
  if (text === '') return 'e';
  let shape = shapes.get(text);
  if (!shape) {
    if (shapes.size > 10_000) shapes.clear();
    shape = parseStated(text).value !== null ? 'n' : 't';
    shapes.set(text, shape);
  }
  return shape;
}

function agreement(a: RawCell[], b: RawCell[], width: number): number {
  let score = 0;
  for (let i = 0; i < width; i++) if (shapeOf(a[i]?.text ?? '') === shapeOf(b[i]?.text ?? '')) score++;
  return score;
}

/**
 * A row shifted by one cell against its neighbours (an extra leading empty cell, or a missing
 * one) is put back in line with the row above it: the shift is taken only when it makes the
 * empty/number/text pattern agree clearly better (by two cells or more) and drops only empty cells.
 */
export function realign(
  cells: RawCell[],
  previous: RawCell[] | undefined,
  width: number,
): { cells: RawCell[]; shift: number } {
  if (!previous) return { cells, shift: 0 };
  const line = cells[0]?.line ?? 0;
  const blank = (): RawCell => ({ text: '', line });
  const candidates: Array<{ cells: RawCell[]; shift: number }> = [{ cells, shift: 0 }];
  if (cells[0]?.text === '') candidates.push({ cells: cells.slice(1), shift: -1 });
  const last = cells[cells.length - 1];
  if (cells.length < width || last?.text === '') {
    const moved = [blank(), ...cells];
    if (cells.length >= width) moved.pop();
    candidates.push({ cells: moved, shift: 1 });
  }
  const base = agreement(cells, previous, width);
  let best = candidates[0]!;
  let bestScore = base;
  for (const c of candidates.slice(1)) {
    const s = agreement(c.cells, previous, width);
    if (s >= base + 2 && s > bestScore) {
      best = c;
      bestScore = s;
    }
  }
  return best;
}

/** A 合计 row written short (its label spanning merged columns) lines up from the right. */
export function rightAlign(cells: RawCell[], width: number): RawCell[] {
  if (cells.length >= width) return cells;
  const line = cells[0]?.line ?? 0;
  const pad = Array.from({ length: width - cells.length }, () => ({ text: '', line }));
  return [cells[0]!, ...pad, ...cells.slice(1)];
}
