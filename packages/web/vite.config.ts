import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { defineConfig, type Plugin } from 'vite';

/**
 * Writes a .br and a .gz beside each built file worth compressing, once at build time, so the server
 * (@fastify/static's preCompressed) sends them to a browser that accepts them without compressing per request.
 */
function precompress(): Plugin {
  let outDir = '';
  return {
    name: 'jixiao-precompress',
    apply: 'build',
    configResolved(config) {
      outDir = join(config.root, config.build.outDir);
    },
    closeBundle() {
      const walk = (dir: string): string[] =>
        readdirSync(dir).flatMap((f) => {
          const path = join(dir, f);
          return statSync(path).isDirectory() ? walk(path) : [path];
        });
      for (const file of walk(outDir)) {
        if (!/\.(js|css|html|svg|json|map)$/.test(file) || statSync(file).size < 1024) continue;
        const bytes = readFileSync(file);
        writeFileSync(`${file}.gz`, gzipSync(bytes, { level: 9 }));
        writeFileSync(
          `${file}.br`,
          brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }),
        );
      }
    },
  };
}

/**
 * 前端构建 — the web UI's build. esbuild's own JSX transform (no React plugin); the dev server
 * proxies /api to a jixiao server on $JIXIAO_API (default http://localhost:3100).
 */
export default defineConfig({
  root: import.meta.dirname,
  esbuild: { jsx: 'automatic' },
  plugins: [precompress()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 1500,
    rollupOptions: {
      // antd's "use client" directives and zod's comment placement are harmless in a browser bundle.
      onwarn(warning, warn) {
        if (warning.code === 'MODULE_LEVEL_DIRECTIVE' || warning.code === 'INVALID_ANNOTATION') return;
        warn(warning);
      },
      output: {
        manualChunks(id) {
          if (id.includes('node_modules/echarts') || id.includes('node_modules/zrender')) return 'charts';
          if (/node_modules\/(react|react-dom|react-router|scheduler|cookie)\//.test(id)) return 'react';
          if (id.includes('packages/core/') || /node_modules\/(zod|decimal\.js)\//.test(id)) return 'core';
          return undefined;
        },
      },
    },
  },
  server: {
    proxy: { '/api': process.env.JIXIAO_API ?? 'http://localhost:3100' },
  },
});
