import react from '@vitejs/plugin-react';
import { defineConfig, externalizeDepsPlugin } from 'electron-vite';

export default defineConfig({
  main: {
    plugins: [externalizeDepsPlugin()],
    build: {
      rollupOptions: {
        // The import's replay worker is an entry of its own, started as a worker thread by the
        // core (core/import/replay/thread.ts looks for replay-worker.mjs beside its chunk or one
        // folder up, here out/main/), as scripts/build-runtime.mjs builds it for the CLI.
        input: { index: 'electron/main.ts', 'replay-worker': 'core/import/replay/worker.ts' },
        output: {
          entryFileNames: (chunk: { name: string }) =>
            chunk.name === 'replay-worker' ? '[name].mjs' : '[name].js',
        },
      },
    },
  },
  preload: {
    plugins: [externalizeDepsPlugin()],
    // CommonJS, so the window can keep `sandbox: true`.
    build: {
      rollupOptions: {
        input: { index: 'electron/preload.ts' },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: 'renderer',
    plugins: [react()],
    build: { rollupOptions: { input: { index: 'renderer/index.html' } } },
  },
});
