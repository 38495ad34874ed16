// Worker bootstrap: worker threads do not inherit vitest's TypeScript transform, so tsx's loader is
// registered here before the TypeScript worker module is imported.
import { register } from 'tsx/esm/api';

register();
await import('./indicator-worker.ts');
