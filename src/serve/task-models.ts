/**
 * @module What `quiver serve --model task:<name>` serves: the bundled rule-based tasks as text models named
 * `quiver-<name>` (`task:all` serves the three), and the word-vector embeddings as `quiver-vectors`, so a promptfoo
 * config can run its deterministic and `similar` assertions against the server.
 */
import { ConfigError } from '../core/errors.js';
import { BUNDLED_TASKS, taskNamed } from '../tasks/index.js';
import { BUNDLED_VECTORS_PATH, loadWordVectors } from '../nlp/word-vectors.js';
import type { EmbeddingModel } from './embeddings.js';
import type { TextModel } from './server.js';

export const TASK_SPEC = /^task:/;
export const EMBEDDING_MODEL_NAME = 'quiver-vectors';

/** The text models a `task:` spec names; throws a ConfigError naming the valid ones. */
export function taskModels(spec: string): TextModel[] {
  const name = spec.replace(TASK_SPEC, '');
  const tasks = name === 'all' ? BUNDLED_TASKS : [taskNamed(name)].filter((t) => t !== undefined);
  if (tasks.length === 0) {
    throw new ConfigError(
      `--model ${spec}: no such task; valid: ${[...BUNDLED_TASKS.map((t) => `task:${t.name}`), 'task:all'].join(', ')}`,
    );
  }
  return tasks.map((t) => ({ names: [t.model, `task:${t.name}`], answer: t.answer, answerTokens: t.answerTokens }));
}

export const bundledEmbeddings: EmbeddingModel = {
  name: EMBEDDING_MODEL_NAME,
  vectors: () => loadWordVectors(BUNDLED_VECTORS_PATH),
};
