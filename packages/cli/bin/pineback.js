#!/usr/bin/env node
// Thin launcher so the workspace bin link exists before the first build.
import('../dist/main.js').catch((err) => {
  if (err && err.code === 'ERR_MODULE_NOT_FOUND' && String(err.message).includes('dist/main.js')) {
    console.error('pineback is not built yet: run `npm run build` at the repository root.');
    process.exit(2);
  }
  throw err;
});
