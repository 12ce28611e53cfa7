import react from '@vitejs/plugin-react';
import { defineConfig, externalizeDepsPlugin } from 'electron-vite';

export default defineConfig({
  main: {
    plugins: [externalizeDepsPlugin()],
    build: {
      rollupOptions: {
        // The import's replay worker and the first compile's parse worker are entries of their
        // own, started as worker threads by the core (core/import/replay/thread.ts and
        // core/compiler/parse-thread.ts look for them beside their chunk or one folder up, here
        // out/main/), as scripts/build-runtime.mjs builds them for the CLI.
        input: {
          index: 'electron/main.ts',
          'replay-worker': 'core/import/replay/worker.ts',
          'parse-worker': 'core/compiler/parse-worker.ts',
        },
        output: {
          entryFileNames: (chunk: { name: string }) =>
            chunk.name.endsWith('-worker') ? '[name].mjs' : '[name].js',
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
