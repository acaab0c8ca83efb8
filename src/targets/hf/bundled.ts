/** @module Where the bundled `local:nn` model folder lives (built by experiments/nn/build-local-nn.ts). */
import { join } from 'node:path';
import { packageRoot } from '../../version.js';

export const BUNDLED_NN_DIR: string = join(packageRoot, 'src', 'targets', 'data', 'local-nn');
