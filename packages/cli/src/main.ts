import { Command, Option } from 'commander';
import cliProgress from 'cli-progress';
import { writeFile } from 'node:fs/promises';
// Only what every command needs is imported here: the readers come with the first file to read, the
// writers (exceljs, docx, echarts, playwright) only with the commands that write — so `jixiao frameworks`
// starts without loading them.
import { loadBuiltinRegistry } from '@jixiao/formats/frameworks';
import type { FrameworkRegistry } from '@jixiao/core';
import type { FileOutcome } from './pipeline.ts';
import { documentJson, unreadableJson } from './render/json.ts';
import { renderDocument } from './render/text.ts';
import { renderScoreTree } from './render/score-tree.ts';

/** Exit codes: 0 audited (with or without findings), 2 some input unreadable, 1 internal error. */
const EXIT_UNREADABLE = 2;
const EXIT_INTERNAL = 1;

async function registryOrExit(dirs: string[], frameworkId?: string): Promise<FrameworkRegistry> {
  try {
    const registry = await loadBuiltinRegistry(dirs);
    if (frameworkId && !registry.get(frameworkId)) {
      const ids = registry
        .list()
        .map((f) => f.id)
        .join('、');
      process.stderr.write(`jixiao：没有评分框架「${frameworkId}」。可用的框架：${ids}\n`);
      process.exit(EXIT_UNREADABLE);
    }
    return registry;
  } catch (error) {
    process.stderr.write(`jixiao：${(error as Error).message}\n`);
    process.exit(EXIT_UNREADABLE);
  }
}

function exitCode(outcomes: FileOutcome[]): number {
  if (outcomes.some((o) => !o.ok && o.internal)) return EXIT_INTERNAL;
  if (outcomes.some((o) => !o.ok)) return EXIT_UNREADABLE;
  return 0;
}

async function runAll(
  files: string[],
  registry: FrameworkRegistry,
  frameworkId?: string,
): Promise<FileOutcome[]> {
  // A bar only where a person watches many files go by; never in pipes, CI or JSON consumers' logs.
  const bar =
    files.length >= 5 && process.stderr.isTTY
      ? new cliProgress.SingleBar(
          {
            format: '审核中 [{bar}] {value}/{total} 个文件 · {file}',
            stream: process.stderr,
            hideCursor: true,
          },
          cliProgress.Presets.shades_classic,
        )
      : null;
  bar?.start(files.length, 0, { file: '' });
  const outcomes: FileOutcome[] = [];
  const { auditFile } = await import('./pipeline.ts');
  for (const file of files) {
    outcomes.push(await auditFile(file, registry, frameworkId));
    bar?.increment({ file });
  }
  bar?.stop();
  return outcomes;
}

const program = new Command();
program
  .name('jixiao')
  .description('预算绩效自评：读取自评表与自评报告，按评分框架重新计分并审核')
  .configureOutput({ writeErr: (s) => process.stderr.write(s) })
  .showHelpAfterError('（用 jixiao --help 查看用法）');

program
  .command('audit')
  .description('审核一个或多个自评文件，列出计分结果和审核发现')
  .argument('<files...>', '自评报告或自评表（文本文件）')
  .option('--json', '输出 JSON（结构见 DESIGN.md）')
  .option('--framework <id>', '指定评分框架，不自动识别')
  .option('--frameworks-dir <dir>', '额外的评分框架目录（*.json）')
  .option('--all', '列出全部发现，包括提示')
  .addOption(new Option('--no-color', '不使用颜色'))
  .action(
    async (
      files: string[],
      opts: { json?: boolean; framework?: string; frameworksDir?: string; all?: boolean; color: boolean },
    ) => {
      const registry = await registryOrExit(opts.frameworksDir ? [opts.frameworksDir] : [], opts.framework);
      const outcomes = await runAll(files, registry, opts.framework);
      if (opts.json) {
        const documents = outcomes.map((o) =>
          o.ok
            ? documentJson(o.audit)
            : unreadableJson(o.file, o.message, o.line ? { file: o.file, line: o.line } : undefined),
        );
        process.stdout.write(`${JSON.stringify({ documents }, null, 2)}\n`);
      } else {
        const color = opts.color && !!process.stdout.isTTY;
        for (const o of outcomes) {
          if (o.ok)
            process.stdout.write(
              `${renderDocument(o.audit, { color, minSeverity: opts.all ? 'info' : 'warning' })}\n\n`,
            );
          else process.stderr.write(`jixiao：${o.message}\n`);
        }
        const read = outcomes.filter((o) => o.ok).length;
        process.stdout.write(
          `共 ${files.length} 个文件，审核 ${read} 个${read < files.length ? `，${files.length - read} 个无法读取` : ''}。\n`,
        );
      }
      process.exitCode = exitCode(outcomes);
    },
  );

program
  .command('score')
  .description('显示一个文件中每个自评的计分树和计分依据')
  .argument('<file>', '自评报告或自评表')
  .option('--framework <id>', '指定评分框架，不自动识别')
  .option('--frameworks-dir <dir>', '额外的评分框架目录（*.json）')
  .action(async (file: string, opts: { framework?: string; frameworksDir?: string }) => {
    const registry = await registryOrExit(opts.frameworksDir ? [opts.frameworksDir] : [], opts.framework);
    const [outcome] = await runAll([file], registry, opts.framework);
    if (!outcome!.ok) {
      process.stderr.write(`jixiao：${outcome!.message}\n`);
      process.exitCode = outcome!.internal ? EXIT_INTERNAL : EXIT_UNREADABLE;
      return;
    }
    process.stdout.write(`${outcome!.audit.results.map(renderScoreTree).join('\n\n')}\n`);
  });

program
  .command('report')
  .description('生成官方格式的自评表（xlsx）、自评报告（docx）或 PDF')
  .argument('<file>', '自评报告或自评表')
  .option('--format <formats>', 'xlsx、docx、pdf，可用逗号分隔多个', 'xlsx,docx,pdf')
  .option('--out <dir>', '输出目录', 'out')
  .option('--findings', '在报告后附上审核发现（仅供内部使用）')
  .option('--framework <id>', '指定评分框架，不自动识别')
  .action(
    async (file: string, opts: { format: string; out: string; findings?: boolean; framework?: string }) => {
      const { parseFormats, writeReports } = await import('./commands/report.ts');
      let formats;
      try {
        formats = parseFormats(opts.format);
      } catch (error) {
        process.stderr.write(`jixiao：${(error as Error).message}\n`);
        process.exitCode = EXIT_UNREADABLE;
        return;
      }
      const registry = await registryOrExit([], opts.framework);
      const [outcome] = await runAll([file], registry, opts.framework);
      if (!outcome!.ok) {
        process.stderr.write(`jixiao：${outcome!.message}\n`);
        process.exitCode = outcome!.internal ? EXIT_INTERNAL : EXIT_UNREADABLE;
        return;
      }
      const { written, failed } = await writeReports(outcome!.audit, formats, opts.out, {
        includeFindings: !!opts.findings,
      });
      for (const p of written) process.stdout.write(`已生成 ${p}\n`);
      for (const f of failed)
        process.stderr.write(`jixiao：未生成 ${f.format.toUpperCase()}：${f.message}\n`);
      if (failed.length) process.exitCode = EXIT_UNREADABLE;
    },
  );

program
  .command('summary')
  .description('把多个文件中的项目自评汇总成项目支出绩效自评汇总表（xlsx）')
  .argument('<files...>', '自评报告或自评表')
  .option('--out <file>', '输出文件', 'summary.xlsx')
  .option('--title <title>', '表名', '项目支出绩效自评汇总表')
  .action(async (files: string[], opts: { out: string; title: string }) => {
    const registry = await registryOrExit([]);
    const outcomes = await runAll(files, registry);
    for (const o of outcomes) if (!o.ok) process.stderr.write(`jixiao：${o.message}\n`);
    const results = outcomes.flatMap((o) => (o.ok ? o.audit.results : []));
    const { writeSummaryXlsx } = await import('@jixiao/formats');
    await writeFile(opts.out, await writeSummaryXlsx(results, { title: opts.title }));
    process.stdout.write(`已生成 ${opts.out}（${results.length} 份自评）\n`);
    process.exitCode = exitCode(outcomes);
  });

program
  .command('frameworks')
  .description('列出可用的评分框架')
  .option('--frameworks-dir <dir>', '额外的评分框架目录（*.json）')
  .action(async (opts: { frameworksDir?: string }) => {
    const registry = await registryOrExit(opts.frameworksDir ? [opts.frameworksDir] : []);
    for (const f of registry.list()) process.stdout.write(`${f.id}\tv${f.version}\t${f.kind}\t${f.name}\n`);
  });

/** The database of `npm start`: DATABASE_URL when set, else the embedded folder (JIXIAO_DATA_DIR, ./data). */
async function databaseCommand(run: () => Promise<string>, done: (where: string) => string) {
  try {
    process.stdout.write(`${done(await run())}\n`);
  } catch (error) {
    const known = ['BackupError', 'FolderInUseError', 'DamagedDataError'].includes((error as Error).name);
    process.stderr.write(
      `jixiao：${known ? (error as Error).message : `操作失败：${(error as Error).message}`}\n`,
    );
    process.exit(known ? EXIT_UNREADABLE : EXIT_INTERNAL);
  }
}

program
  .command('backup')
  .description(
    '备份数据库（内嵌：数据文件夹的 .tar.gz；服务器：pg_dump 的 SQL）。需先停止 jixiao 服务（内嵌）',
  )
  .argument('<file>', '备份文件')
  .action(async (file: string) => {
    const { backupDatabase } = await import('@jixiao/server');
    await databaseCommand(
      () => backupDatabase(file),
      (where) => `已备份 ${where} 到 ${file}`,
    );
  });

program
  .command('restore')
  .description(
    '从备份恢复到空的数据库（内嵌：JIXIAO_DATA_DIR 或 ./data，须不存在或为空；服务器：DATABASE_URL）',
  )
  .argument('<file>', 'jixiao backup 生成的备份文件')
  .action(async (file: string) => {
    const { restoreDatabase } = await import('@jixiao/server');
    await databaseCommand(
      () => restoreDatabase(file),
      (where) => `已从 ${file} 恢复到 ${where}`,
    );
  });

// Output piped into `head` and the like: the reader leaving is not an error of ours.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});
await program.parseAsync(process.argv);
