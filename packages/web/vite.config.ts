import { defineConfig } from 'vite';

/**
 * 前端构建 — the web UI's build. esbuild's own JSX transform (no React plugin); the dev server
 * proxies /api to a jixiao server on $JIXIAO_API (default http://localhost:3100).
 */
export default defineConfig({
  root: import.meta.dirname,
  esbuild: { jsx: 'automatic' },
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
          if (/node_modules\/(antd|@ant-design|rc-|@rc-component|dayjs)/.test(id)) return 'antd';
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
