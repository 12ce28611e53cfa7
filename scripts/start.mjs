#!/usr/bin/env node
// `npm start`: runs scripts/start/main.ts through tsx's loader (as bin/mnemo.mjs does).
import { register } from 'tsx/esm/api';

register();
await import('./start/main.ts');
