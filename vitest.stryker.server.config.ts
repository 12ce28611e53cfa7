import { defineConfig } from 'vitest/config';
import base from './vitest.stryker.config.ts';

/**
 * The tests that run the browser-mode server in-process (server/http-server.ts on a real
 * socket), for `npm run mutate -- server/http-server.ts:A-B --tests=server`, without the whole
 * suite's first run. A score measured with these is a lower bound of the suite's.
 */
export default defineConfig({
  test: {
    ...base.test,
    include: [
      'test/integration/server-api.test.ts',
      'test/integration/server-files.test.ts',
      'test/integration/server-origin.test.ts',
      'test/integration/app-start.test.ts',
    ],
  },
});
