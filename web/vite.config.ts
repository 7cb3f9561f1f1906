import { defineConfig } from 'vite';
import { fileURLToPath } from 'node:url';

/**
 * The review app builds into `dist/web`, which `wathiq serve` serves (with
 * index.html for every non-API path). Everything it needs is bundled: no CDN,
 * no web font, no tile server, so it works with no internet at all.
 */
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/',
  esbuild: { jsx: 'automatic', jsxImportSource: 'preact' },
  build: {
    outDir: fileURLToPath(new URL('../dist/web', import.meta.url)),
    emptyOutDir: true,
    // Leaflet's images and the boundaries stay files, never inline data: URLs,
    // so the server's Content-Security-Policy need not allow them.
    assetsInlineLimit: 0,
    chunkSizeWarningLimit: 1024,
  },
  server: { proxy: { '/api': 'http://127.0.0.1:8080' } },
});
