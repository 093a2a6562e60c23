// Reads every corpus document (real published 自评表/自评报告 copied into the repository) and prints, per
// document, what was read against what its text shows; the last three lines are the summary.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { readDocumentBytes } from '@jixiao/formats';
import {
  checkCorpusDocument,
  corpusDir,
  corpusFiles,
  expectedCorpus,
  type CorpusCheck,
} from '../packages/formats/src/testing/corpus.ts';

const expected = expectedCorpus();
let tableDocs = 0;
let tableDocsRead = 0;
let crashes = 0;
let totals = 0;
let totalsFound = 0;
let rowsVisible = 0;
let rowsRead = 0;
let budgets = 0;
let budgetsRead = 0;
console.log('文件      指标(读出/可见/对上)  预算行  总分   预算   警告  崩溃  毫秒');
for (const file of corpusFiles()) {
  const bytes = readFileSync(join(corpusDir, file));
  const want = expected[file];
  const t0 = performance.now();
  let check: CorpusCheck | undefined;
  let crashed = '';
  try {
    check = checkCorpusDocument(await readDocumentBytes(bytes, file), want);
  } catch (error) {
    crashed = (error as Error).message.slice(0, 60);
    crashes++;
  }
  const ms = performance.now() - t0;
  const visible = want?.rows.length ?? 0;
  if (want && want.indicators > 0) {
    tableDocs++;
    rowsVisible += visible;
    rowsRead += check?.rowsMatched ?? 0;
    if (visible > 0 && (check?.rowsMatched ?? 0) >= 0.8 * visible) tableDocsRead++;
  }
  if (want?.statedTotal !== undefined) {
    totals++;
    if (check?.totalFound) totalsFound++;
  }
  if (want?.budget) {
    budgets++;
    if (check?.budgetMatched) budgetsRead++;
  }
  const budget = check?.budgetMatched === undefined ? '—' : check.budgetMatched ? '对上' : '未对上';
  const total = check?.totalFound === undefined ? '—' : check.totalFound ? '找到' : '未找到';
  console.log(
    `${file}  ${String(check?.indicatorsRead ?? 0).padStart(4)} / ${String(want ? want.indicators : '—').padStart(3)} / ${String(want ? (check?.rowsMatched ?? 0) : '—').padStart(3)}    ${String(check?.budgetRows ?? 0).padStart(4)}   ${total.padEnd(4)} ${budget.padEnd(4)} ${String(check?.warnings ?? 0).padStart(4)}  ${crashed ? `是（${crashed}）` : '否'}  ${ms.toFixed(1)}`,
  );
}
const share = tableDocs ? (100 * tableDocsRead) / tableDocs : 0;
console.log(`指标行：共可核对 ${rowsVisible} 行，读对 ${rowsRead} 行`);
console.log(`印出的预算执行数：${budgetsRead} / ${budgets} 对上`);
console.log(
  `印出的总分：${totalsFound} / ${totals} 找到；崩溃 ${crashes} 个文档（共 ${corpusFiles().length} 个）`,
);
console.log(
  `有指标表的文档 ${tableDocs} 个，其中读对 ≥80% 可见指标行的 ${tableDocsRead} 个（${share.toFixed(0)}%，目标 ≥90%）`,
);
