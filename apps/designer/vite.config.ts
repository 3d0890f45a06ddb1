import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('.', import.meta.url));
// Dev ports are per developer; the api serves the built `dist/` at `/` in production.
const apiUrl = process.env.ZS_API_URL ?? 'http://127.0.0.1:3400';

export default defineConfig({
  root,
  base: '/',
  plugins: [react()],
  build: { outDir: 'dist', emptyOutDir: true, chunkSizeWarningLimit: 4000 },
  server: {
    port: Number(process.env.ZS_DESIGNER_PORT ?? 5300),
    strictPort: true,
    proxy: { '/v1': { target: apiUrl, changeOrigin: true } },
  },
  preview: { port: Number(process.env.ZS_DESIGNER_PORT ?? 5300), proxy: { '/v1': { target: apiUrl, changeOrigin: true } } },
});
