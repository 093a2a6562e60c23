// Compiles the `jixiao` command and the server to JavaScript (dist/jixiao.js, dist/server.js), so
// neither transpiles the TypeScript import graph at every start. Runs as `npm install`'s prepare step and
// at the start of `npm test`; plain JavaScript because it runs before anything else is set up.
//
// esbuild because it is the compiler tsx and vite already use here (no new toolchain), it bundles the
// workspace packages in well under a second, and its code splitting keeps each command's dynamic
// imports (the writers, the readers, the server) in chunks loaded only by the commands that use them.
import { build } from 'esbuild';
import { mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { buildIsCurrent, buildManifest, repositoryRoot as root } from '../packages/cli/bin/build-state.js';

const outdir = dirname(buildManifest);

// `--if-stale` (npm start): nothing to do when no source changed since the last build.
if (process.argv.includes('--if-stale') && buildIsCurrent()) process.exit(0);

/**
 * The sources find their data files (forms, frameworks, layouts, migrations, the web build) relative to
 * their own location. In a bundle every module shares the chunk's `import.meta.url`, so each source's
 * is replaced by its original location, written relative to the output so the folder can still move.
 */
const keepOwnLocation = {
  name: 'keep-own-location',
  setup(b) {
    b.onLoad({ filter: /\.ts$/ }, (args) => {
      const source = readFileSync(args.path, 'utf8');
      if (!source.includes('import.meta.url')) return undefined;
      const fromOut = relative(outdir, args.path).split('\\').join('/');
      return {
        contents: source.replaceAll(
          'import.meta.url',
          `new URL(${JSON.stringify(fromOut)}, import.meta.url).href`,
        ),
        loader: 'ts',
      };
    });
  },
};

/** Workspace packages are compiled in; everything from npm stays an import of node_modules. */
const externalNpmPackages = {
  name: 'external-npm-packages',
  setup(b) {
    b.onResolve({ filter: /^[^./]/ }, (args) =>
      args.path.startsWith('@jixiao/') ? undefined : { path: args.path, external: true },
    );
  },
};

rmSync(outdir, { recursive: true, force: true });
mkdirSync(outdir, { recursive: true });
const result = await build({
  absWorkingDir: root,
  entryPoints: {
    jixiao: 'packages/cli/src/main.ts',
    server: 'packages/server/src/main.ts',
  },
  outdir,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  sourcemap: 'linked',
  metafile: true,
  logLevel: 'warning',
  // Chunks load CommonJS-only packages through `require`, which ES modules do not have by themselves.
  banner: {
    js: "import { createRequire as __jixiaoRequire } from 'node:module'; const require = __jixiaoRequire(import.meta.url);",
  },
  plugins: [keepOwnLocation, externalNpmPackages],
});

// What the bin checks before using the build: a source changed since makes it fall back to the sources.
const inputs = Object.keys(result.metafile.inputs)
  .filter((p) => !p.startsWith('node_modules/'))
  .map((p) => ({ path: p, mtimeMs: statSync(join(root, p)).mtimeMs }));
writeFileSync(buildManifest, JSON.stringify({ builtAt: Date.now(), inputs }));
process.stdout.write(`已编译 jixiao 命令和服务（${inputs.length} 个源文件 → ${relative(root, outdir)}）\n`);
