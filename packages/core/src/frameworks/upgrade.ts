/**
 * Framework files written before rules were formulas (rule kinds higher-better, bands, checkpoints …)
 * are read as the formulas they meant, so a version stored with a submitted evaluation keeps scoring
 * as it did. Each old kind maps to one formula in the language of frameworks/README.md.
 */

type Json = Record<string, unknown>;

const str = (v: unknown) => String(v);
/** "40" (percent units in the old files) → "40%". */
const pct = (v: unknown) => `${str(v)}%`;
const sorted = (bands: Json[]) => [...bands].sort((a, b) => Number(a['min']) - Number(b['min']));

const INDICATOR: Record<string, { direction: string; formula: string; met: string }> = {
  'higher-better': {
    direction: '≥',
    formula:
      'if 完成值 >= 指标值 then 分值 else if 指标值 <= 0 or 完成值 <= 0 then 0 else 完成值 ÷ 指标值 × 分值',
    met: '完成值 >= 指标值',
  },
  equal: {
    direction: '=',
    formula:
      'if 指标值 = 0 then (if 完成值 = 0 then 分值 else 0) else if 完成值 >= 指标值 then 分值 else if 指标值 < 0 or 完成值 <= 0 then 0 else 完成值 ÷ 指标值 × 分值',
    met: 'if 指标值 = 0 then 完成值 = 0 else 完成值 >= 指标值',
  },
  'reverse-linear': {
    direction: '≤',
    formula:
      'if 完成值 <= 指标值 then 分值 else if 完成值 >= 2 × 指标值 then 0 else (1 − (完成值 − 指标值) ÷ 指标值) × 分值',
    met: '完成值 <= 指标值',
  },
  'reverse-ratio': {
    direction: '≤',
    formula:
      'if 完成值 <= 指标值 then 分值 else if 完成值 <= 0 or 指标值 <= 0 then 0 else 指标值 ÷ 完成值 × 分值',
    met: '完成值 <= 指标值',
  },
};

function bandFormula(x: string, bands: Json[], key: string): string {
  const b = sorted(bands);
  const pairs = b.slice(0, -1).flatMap((x) => [pct(x['max']), str(x[key])]);
  return `band(${x}, ${pairs.join(', ')}, ${str(b[b.length - 1]![key])})`;
}

function upgradeRule(r: Json): Json {
  const { kind, ...rest } = r;
  const criterion = (formula: string, drop: string[], extra: Json = {}) => {
    const kept = Object.fromEntries(Object.entries(rest).filter(([k]) => !drop.includes(k)));
    return { ...kept, kind: 'criterion', formula, ...extra };
  };
  switch (kind) {
    case 'higher-better':
    case 'equal':
    case 'reverse-linear':
    case 'reverse-ratio':
      return { ...rest, kind: 'indicator', ...INDICATOR[kind] };
    case 'budget-execution':
      return 'formula' in r ? r : { ...r, formula: 'min(执行率, 100%) × 分值' };
    case 'execution-caps': {
      const b = sorted(rest['bands'] as Json[]).filter((x) => x['max'] !== undefined);
      const pairs = b.flatMap((x) => [pct(x['max']), str(x['cap'])]);
      const { bands: _b, ...base } = rest;
      return { ...base, kind: 'total-cap', formula: `band(执行率, ${pairs.join(', ')}, 满分)` };
    }
    case 'cost-cap': {
      const { names, weight, max, ...base } = rest;
      const count = (names as string[]).map((n) => `count("${n}")`).join(' + ');
      return {
        ...base,
        kind: 'total-cap',
        formula: `if ${count} = 0 then 满分 − ${Number(weight) - Number(max)} else 满分`,
      };
    }
    case 'tiered-deduction': {
      const over = (rest['side'] ?? 'over') === 'over';
      const beyond = over
        ? `(${str(rest['input'])} − ${pct(rest['threshold'])})`
        : `(${pct(rest['threshold'])} − ${str(rest['input'])})`;
      return criterion(`max(0, 分值 − max(0, ${beyond} × 100) × ${str(rest['perPoint'])})`, [
        'input',
        'threshold',
        'perPoint',
        'side',
      ]);
    }
    case 'bands': {
      const dev = rest['deviation'] as Json | undefined;
      const x = dev
        ? `abs(${str(dev['actual'])} − ${str(dev['planned'])}) ÷ ${str(dev['planned'])}`
        : str(rest['input']);
      return criterion(bandFormula(x, rest['bands'] as Json[], 'score'), ['input', 'deviation', 'bands']);
    }
    case 'linear-ratio': {
      const [a, b, f, z] = ['numerator', 'denominator', 'factor', 'zeroAbove'].map((k) => str(rest[k]));
      return criterion(`if ${a} ÷ ${b} > ${z} then 0 else (1 − ${f} × ${a} ÷ ${b}) × 分值`, [
        'numerator',
        'denominator',
        'factor',
        'zeroAbove',
      ]);
    }
    case 'checkpoints': {
      const terms = (rest['points'] as Json[]).map(
        (p) => `min(1, 「${str(p['input'])}」 ÷ ${pct(p['target'])}) × ${str(p['score'])}`,
      );
      return criterion(`min(分值, ${terms.join(' + ')})`, ['points']);
    }
    case 'per-item-deduction':
      return criterion(`max(0, 分值 − ${str(rest['input'])} × ${str(rest['perItem'])})`, [
        'input',
        'perItem',
      ]);
    case 'binary': {
      const words = (rest['yesWords'] as string[]).map((w) => `"${w}"`).join(', ');
      return criterion(`if oneof(${str(rest['input'])}, ${words}) then 分值 else 0`, ['input', 'yesWords']);
    }
    case 'count-ratio': {
      const cat = ((rest['counted'] as string[] | undefined) ?? ['数量指标'])[0]!;
      const upper = `${100 + Math.round(Number(rest['tolerance']) * 100)}%`;
      const cond = `if firstof(指标性质, "≥") = "≤" then 完成值 <= 指标值 else 完成值 >= 指标值 and 完成值 <= 指标值 × ${upper}`;
      const counted = `count("${cat}", ${cond}) ÷ count("${cat}") × 分值`;
      const [m, t] = [rest['metInput'], rest['totalInput']];
      const formula =
        m && t
          ? `if given(${str(m)}) and given(${str(t)}) then ${str(m)} ÷ ${str(t)} × 分值 else ${counted}`
          : counted;
      return criterion(formula, ['counted', 'tolerance', 'metInput', 'totalInput']);
    }
    case 'review-difference': {
      const [s, v] = [str(rest['selfInput']), str(rest['reviewInput'])];
      const formula = `分值 − ${bandFormula(`abs(firstof(${s}, 自评总分) − ${v}) ÷ ${v}`, rest['bands'] as Json[], 'deduction')}`;
      return criterion(formula, ['selfInput', 'reviewInput', 'bands', 'selfScored'], {
        review: { self: s, review: v },
        ...(rest['selfScored'] === false ? { notScoredWithout: [v] } : {}),
      });
    }
    case 'adjustment-cases': {
      const [c, w, b, f] = ['cancelledInput', 'writtenOffInput', 'budgetInput', 'factor'].map((k) =>
        str(rest[k]),
      );
      const z = `${Number(rest['zeroAbove']) * 100}%`;
      return criterion(
        `if ${c} = 0 and ${w} = 0 then 分值 else if ${c} ≠ 0 then ${c} ÷ (${c} + ${w}) × 分值 else if ${w} ÷ ${b} > ${z} then 0 else (1 − ${f} × ${w} ÷ ${b}) × 分值`,
        ['cancelledInput', 'writtenOffInput', 'budgetInput', 'factor', 'zeroAbove'],
      );
    }
    default:
      return r;
  }
}

/** Percent-unit inputs of old files (执行进度 "40" meaning 40%) are declared as such. */
function upgradeInputs(inputs: Json[], rules: Json[]): Json[] {
  const percent = new Set(
    rules.flatMap((r) =>
      r['kind'] === 'checkpoints' ? (r['points'] as Json[]).map((p) => str(p['input'])) : [],
    ),
  );
  const text = new Set(rules.flatMap((r) => (r['kind'] === 'binary' ? [str(r['input'])] : [])));
  return inputs.map((i) =>
    i['type'] !== undefined
      ? i
      : percent.has(str(i['name']))
        ? { ...i, type: 'percent' }
        : text.has(str(i['name']))
          ? { ...i, type: 'text' }
          : i,
  );
}

/** The framework as the formula-rule schema reads it; files already in that form come back unchanged. */
export function upgradeFramework(json: unknown): unknown {
  if (!json || typeof json !== 'object' || !Array.isArray((json as Json)['rules'])) return json;
  const f = json as Json;
  const rules = f['rules'] as Json[];
  if (
    !rules.some(
      (r) =>
        r &&
        typeof r === 'object' &&
        (str(r['kind']) in INDICATOR || (!('formula' in r) && OLD.has(str(r['kind'])))),
    )
  )
    return json;
  return {
    ...f,
    ...(Array.isArray(f['inputs']) ? { inputs: upgradeInputs(f['inputs'] as Json[], rules) } : {}),
    rules: rules.map((r) => (r && typeof r === 'object' ? upgradeRule(r) : r)),
  };
}

const OLD = new Set([
  'budget-execution',
  'execution-caps',
  'cost-cap',
  'tiered-deduction',
  'bands',
  'linear-ratio',
  'checkpoints',
  'per-item-deduction',
  'binary',
  'count-ratio',
  'review-difference',
  'adjustment-cases',
]);
