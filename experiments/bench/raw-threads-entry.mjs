// The benchmark runs from TypeScript sources: register tsx inside the thread before loading the worker code.
import { register } from 'tsx/esm/api';

register();
await import('./raw-threads.ts');
