import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The renderer: built into dist/renderer/, loaded by Electron from disk or served by `mnemo serve`.
// `base: './'` keeps every asset URL relative, so both file:// and http:// work.
export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    target: 'es2022',
    // No inline data: URLs for scripts; the CSP only allows scripts from 'self'.
    assetsInlineLimit: 0,
    reportCompressedSize: true,
    // The Stats screen's echarts chunk (about 625 kB, 208 kB gzipped) is loaded only when that
    // screen opens; the review path is checked by the bench (≤ 400 kB gzipped).
    chunkSizeWarningLimit: 700,
  },
});
