#!/usr/bin/env node
// The `mnemo` command, for callers that name this file: bin/mnemo.cjs is the command itself.
import './mnemo.cjs';
