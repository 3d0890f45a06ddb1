import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const root = fileURLToPath(new URL('.', import.meta.url));
// Dev ports are per developer; the api serves the built `dist/` at `/` in production.
const apiUrl = process.env.ZS_API_URL ?? 'http://127.0.0.1:3400';

/**
 * Writes `<file>.br` and `<file>.gz` beside every compressible file of the build, once, at build
 * time (the api serves them with @fastify/static `preCompressed`, so no request pays for compression).
 */
function precompress(): Plugin {
  let outDir = '';
  const walk = (dir: string): string[] => readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? walk(path) : [path];
  });
  return {
    name: 'zhishou-precompress',
    apply: 'build',
    configResolved(config) {
      outDir = join(config.root, config.build.outDir);
    },
    closeBundle() {
      for (const file of walk(outDir)) {
        if (!/\.(js|css|html|svg|json|ico)$/.test(file)) continue;
        const body = readFileSync(file);
        if (body.length < 1024) continue;
        writeFileSync(`${file}.br`, brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: body.length } }));
        writeFileSync(`${file}.gz`, gzipSync(body, { level: 9 }));
      }
    },
  };
}

/**
 * The page chunks of the opened route start loading with the entry, not after it: index.html gets a
 * small inline script that reads the hash and adds `modulepreload` links for that page's chunk and
 * the chunks it imports (a deep link to the flow editor does not wait for the shell to boot first).
 */
function routePreload(): Plugin {
  return {
    name: 'zhishou-route-preload',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(html, ctx) {
        const bundle = ctx.bundle;
        if (!bundle) return html;
        const chunks = new Map(Object.values(bundle).flatMap((out) => (out.type === 'chunk' ? [[out.fileName, out] as const] : [])));
        const closure = (file: string, seen = new Set<string>()): Set<string> => {
          if (seen.has(file)) return seen;
          seen.add(file);
          for (const imported of chunks.get(file)?.imports ?? []) closure(imported, seen);
          return seen;
        };
        const entry = [...chunks.values()].find((c) => c.isEntry);
        const initial = entry ? closure(entry.fileName) : new Set<string>();
        const pages: Record<string, string[]> = {};
        for (const chunk of chunks.values()) {
          const page = chunk.isDynamicEntry ? /src\/pages\/([\w-]+)\/index\.tsx$/.exec(chunk.facadeModuleId ?? '')?.[1] : undefined;
          if (page) pages[page] = [...closure(chunk.fileName)].filter((f) => !initial.has(f)).map((f) => `/${f}`);
        }
        const script = `(function(){var m=${JSON.stringify(pages)};var h=location.hash.replace(/^#\\/?/,'').split('?')[0].split('/');` +
          `var p=h[0]==='login'?'login':h[0]==='inbox'?'inbox':h[0]!=='bots'||!h[1]?'bots':!h[2]?'flows':h[2]==='flows'&&h[3]?'flow-editor':h[2]==='inbox'?'inbox':h[2];` +
          `(m[p]||[]).forEach(function(f){var l=document.createElement('link');l.rel='modulepreload';l.crossOrigin='';l.href=f;document.head.appendChild(l);});})();`;
        return [{ tag: 'script', children: script, injectTo: 'head-prepend' }];
      },
    },
  };
}

export default defineConfig({
  root,
  base: '/',
  plugins: [react(), routePreload(), precompress()],
  build: { outDir: 'dist', emptyOutDir: true, chunkSizeWarningLimit: 1000 },
  server: {
    port: Number(process.env.ZS_DESIGNER_PORT ?? 5300),
    strictPort: true,
    proxy: { '/v1': { target: apiUrl, changeOrigin: true } },
  },
  preview: { port: Number(process.env.ZS_DESIGNER_PORT ?? 5300), proxy: { '/v1': { target: apiUrl, changeOrigin: true } } },
});
