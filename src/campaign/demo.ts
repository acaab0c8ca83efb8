/** @module The bundled demo dataset: what `quiver run` attacks when no --dataset is given. */
import { join } from 'node:path';
import { packageRoot } from '../version.js';

export const demoDataset = join(packageRoot, 'experiments', 'data', 'demo-reviews.jsonl');
