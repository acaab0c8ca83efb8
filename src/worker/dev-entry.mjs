// Development only (running from TypeScript sources under tsx): registers tsx inside the worker thread itself, since
// the loader inherited through execArgv does not map dynamic `import('./x.js')` to `x.ts` in worker threads.
import { register } from 'tsx/esm/api';

register();
const { runAttackTask } = await import('./attack-task.ts');
export default runAttackTask;
