import react from '@vitejs/plugin-react';
import { defineConfig, externalizeDepsPlugin } from 'electron-vite';

export default defineConfig({
  main: {
    plugins: [externalizeDepsPlugin()],
    build: { rollupOptions: { input: { index: 'electron/main.ts' } } },
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
