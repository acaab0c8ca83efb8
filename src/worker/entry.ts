/** @module piscina worker entry: the only code that piscina loads in a thread. */
import { runAttackTask } from './attack-task.js';

export default runAttackTask;
