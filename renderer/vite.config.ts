import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';

// Resolved from this file (not the cwd) so `--config renderer/vite.config.ts` works from the repo root.
// No node:* imports here: renderer/ is type-checked with DOM types only.
const here = decodeURIComponent(new URL('.', import.meta.url).pathname).replace(/^\/([A-Za-z]:)/u, '$1');

/**
 * The dev server injects an inline React Refresh preamble that the strict CSP in index.html forbids,
 * so the meta tag is dropped while serving only; built files keep it.
 */
function devWithoutCsp(): Plugin {
  return {
    name: 'chipao-dev-without-csp',
    apply: 'serve',
    transformIndexHtml: (html) => html.replace(/<meta http-equiv="Content-Security-Policy"[^>]*>\s*/u, ''),
  };
}

export default defineConfig({
  root: here,
  base: './',
  plugins: [react(), devWithoutCsp()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    // MUI + AG Grid + ECharts are large; the app is loaded from disk or the LAN, not the internet.
    chunkSizeWarningLimit: 4000,
    // Fonts stay separate files (font-src 'self'), never inlined.
    assetsInlineLimit: 0,
  },
  server: {
    // `vite` dev mode talks to a host started separately (see electron/core/host).
    proxy: { '/api/ws': { target: 'ws://127.0.0.1:5180', ws: true } },
  },
});
