/**
 * @module `quiver serve`'s HTTP server: an OpenAI-compatible `/v1/chat/completions` and `/v1/models` on 127.0.0.1,
 * answering with a local Quiver target or with text models (the bundled rule-based tasks), with optional fault
 * injection; `/v1/embeddings` answers with word-vector sentence embeddings (embeddings.ts). Waits are timers, never
 * busy loops, so hundreds of concurrent requests with injected latency are served in parallel. `GET /quiver/stats`
 * reports what the server saw (requests, statuses, peak concurrency) for tests and benchmarks.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ConfigError } from '../core/errors.js';
import type { Target } from '../core/target.js';
import { renderAnswer, resolveStyle, textModelAnswer, type AnswerStyle } from './answer.js';
import type { ScoredToken } from '../tasks/answer-tokens.js';
import { Faults, type FaultOptions } from './faults.js';
import { classifiedPart, lastUserText, messagesProblem, type ChatMessageIn } from './input.js';
import { embeddingsResponse, type EmbeddingModel } from './embeddings.js';
import { judgeAnswer, type JudgeRule } from './judge-rule.js';

/**
 * A model answering text with text (a bundled task): its answer is computed from the classified part of the request.
 */
export interface TextModel {
  /** Names clients may ask for; the first is listed by /v1/models. */
  readonly names: readonly string[];
  answer(input: string): string;
  /** The answer as tokens with logprobs, for requests with `logprobs: true`; absent: such requests get none. */
  answerTokens?(input: string): readonly ScoredToken[];
}

export interface ServeOptions extends FaultOptions {
  /** 0 = a free port chosen by the system. */
  readonly port: number;
  readonly answer: AnswerStyle;
  /** The classified text follows the first occurrence of this marker in the last user message ('' = whole message). */
  readonly marker: string;
  /** Decimals of aorta/json scores; null = full precision. */
  readonly decimals: number | null;
  /** Model names the server answers to; the first is listed by /v1/models. */
  readonly modelNames: readonly string[];
  /** When set, requests must carry this key as a Bearer token (answered 401 otherwise, as OpenAI does). */
  readonly requiredKey: string | null;
  /** Log one line per request to stderr. */
  readonly verbose: boolean;
  /** Answer judge rubric requests by these rules (`--judge-rule`); none = classify them like any request. */
  readonly judgeRules?: readonly JudgeRule[];
  /** Text models served beside (or instead of) the target. */
  readonly textModels?: readonly TextModel[];
  /** The model `/v1/embeddings` answers for; absent: that route is 404. */
  readonly embeddings?: EmbeddingModel;
}

export interface ServeStats {
  readonly requests: number;
  readonly completions: number;
  readonly inFlight: number;
  readonly maxInFlight: number;
  readonly byStatus: Readonly<Record<string, number>>;
  readonly dropped: number;
}

export interface ServeHandle {
  /** Base URL of the API, e.g. `http://127.0.0.1:43210/v1`. */
  readonly url: string;
  readonly port: number;
  stats(): ServeStats;
  resetStats(): void;
  close(): Promise<void>;
}

export const HOST = '127.0.0.1';
const MAX_BODY_BYTES = 4 * 1024 * 1024;

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly type: string,
    readonly code: string | null = null,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

/** `target` null: only the text models answer chat completions. */
export async function startServer(target: Target | null, options: ServeOptions): Promise<ServeHandle> {
  const textModels = options.textModels ?? [];
  const chatNames = [...(target === null ? [] : options.modelNames), ...textModels.flatMap((m) => m.names)];
  const faults = new Faults(options);
  let stats = freshStats();
  let nextId = 0;
  const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

  async function completion(req: IncomingMessage, res: ServerResponse, id: string): Promise<void> {
    checkKey(req, options.requiredKey);
    const arrival = faults.onArrival();
    for (const [name, value] of Object.entries(faults.rateLimitHeaders())) res.setHeader(name, value);
    if (arrival.kind === 'rate-limit') {
      const why = arrival.shared
        ? `--rate-limit-share ${options.rateLimitShare}`
        : `--rate-limit-rpm ${options.rateLimitRpm}`;
      throw new HttpError(
        429,
        `Rate limit reached for requests (quiver serve ${why}). Please try again in ${arrival.retryAfterMs}ms.`,
        'requests',
        'rate_limit_exceeded',
        {
          'retry-after': String(Math.ceil(arrival.retryAfterMs / 1000)),
          'retry-after-ms': String(arrival.retryAfterMs),
        },
      );
    }
    const body = await readJson(req);
    const delay = faults.delayMs();
    if (delay > 0) await sleep(delay);
    const late = faults.afterDelay();
    if (late === 'drop') {
      stats.dropped++;
      req.socket.destroy();
      return;
    }
    if (late === 'error')
      throw new HttpError(
        500,
        'The server had an error while processing your request (quiver serve --error-rate).',
        'server_error',
      );

    const model = body.model;
    const textModel = textModels.find((m) => typeof model === 'string' && m.names.includes(model));
    if (typeof model !== 'string' || !chatNames.includes(model)) {
      throw new HttpError(
        404,
        `The model \`${String(model)}\` does not exist; this server has ${chatNames.join(', ')}.`,
        'invalid_request_error',
        'model_not_found',
      );
    }
    if (options.refuseLogprobs === true && (body.logprobs === true || body.top_logprobs !== undefined))
      throw new HttpError(
        400,
        'logprobs is not supported by this model (quiver serve --refuse-logprobs).',
        'invalid_request_error',
        'unsupported_parameter',
      );
    if (body.stream === true)
      throw new HttpError(400, 'quiver serve does not stream; send stream: false.', 'invalid_request_error');
    const malformed = messagesProblem(body.messages);
    if (malformed !== null) throw new HttpError(400, malformed, 'invalid_request_error');
    const messages = body.messages as ChatMessageIn[];
    const userText = lastUserText(messages);
    if (userText === undefined) throw new HttpError(400, 'no user message to classify.', 'invalid_request_error');
    const judged = judgeAnswer(options.judgeRules ?? [], userText);
    const answer =
      judged !== undefined
        ? { content: judged, logprobs: null }
        : textModel !== undefined
          ? textModelAnswer(textModel, classifiedPart(userText, options.marker), body)
          : // Not a text model, so the name is one of options.modelNames, which chatNames holds only with a target.
            await classify(target!, body, messages, userText);
    const maxTokens =
      typeof body.max_completion_tokens === 'number'
        ? body.max_completion_tokens
        : typeof body.max_tokens === 'number'
          ? body.max_tokens
          : Infinity;
    let content = answer.content;
    let finish = 'stop';
    if (answer.logprobs === null && tokens(content) > maxTokens) {
      content = content.slice(0, Math.max(1, maxTokens * 4));
      finish = 'length';
    }
    const promptTokens = tokens(
      messages.map((m) => (typeof m.content === 'string' ? m.content : JSON.stringify(m.content ?? ''))).join(''),
    );
    const completionTokens = tokens(content);
    send(
      res,
      200,
      {
        id: `chatcmpl-${id}`,
        object: 'chat.completion',
        created: Math.floor(Date.now() / 1000),
        model,
        system_fingerprint: 'quiver-serve',
        choices: [
          {
            index: 0,
            message: { role: 'assistant', content, refusal: null },
            logprobs: answer.logprobs,
            finish_reason: finish,
          },
        ],
        usage: {
          prompt_tokens: promptTokens,
          completion_tokens: completionTokens,
          total_tokens: promptTokens + completionTokens,
        },
      },
      { 'x-request-id': id },
    );
    stats.completions++;
  }

  async function classify(
    target: Target,
    body: Record<string, unknown>,
    messages: readonly ChatMessageIn[],
    userText: string,
  ) {
    const input = classifiedPart(userText, options.marker);
    const [predicted] = await target.predict([input]);
    const prediction = faults.maybeNoisy(predicted!, target.labels);
    const promptText = messages.map((m) => (typeof m.content === 'string' ? m.content : '')).join('\n');
    const style = resolveStyle(options.answer, body, promptText);
    const topLogprobs =
      typeof body.top_logprobs === 'number' ? body.top_logprobs : body.logprobs === true ? 0 : target.labels.length;
    return renderAnswer(style, prediction, target.labels, { topLogprobs, decimals: options.decimals });
  }

  let inFlight = 0;

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const id = `quiver-${++nextId}`;
    const started = performance.now();
    stats.requests++;
    inFlight++;
    stats.maxInFlight = Math.max(stats.maxInFlight, inFlight);
    const counted = stats;
    res.once('close', () => {
      // The live count is not part of the resettable stats: a request started before a reset still ends after it.
      inFlight--;
      const key = res.headersSent ? String(res.statusCode) : 'dropped';
      counted.byStatus[key] = (counted.byStatus[key] ?? 0) + 1;
      if (options.verbose) {
        process.stderr.write(
          `quiver serve: ${req.method} ${req.url} ${key} ${Math.round(performance.now() - started)} ms\n`,
        );
      }
    });
    try {
      const path = (req.url ?? '/').split('?')[0]!.replace(/\/+$/, '');
      if (req.method === 'POST' && path === '/v1/chat/completions') await completion(req, res, id);
      else if (req.method === 'GET' && path === '/v1/models') {
        checkKey(req, options.requiredKey);
        const listed = [
          ...(target === null ? [] : [options.modelNames[0]]),
          ...textModels.map((m) => m.names[0]),
          ...(options.embeddings === undefined ? [] : [options.embeddings.name]),
        ];
        const data = listed.map((id) => ({ id, object: 'model', created: 0, owned_by: 'quiver' }));
        send(res, 200, { object: 'list', data });
      } else if (req.method === 'POST' && path === '/v1/embeddings' && options.embeddings !== undefined) {
        checkKey(req, options.requiredKey);
        const result = embeddingsResponse(options.embeddings, await readJson(req));
        if ('error' in result)
          throw new HttpError(
            result.status,
            result.error,
            'invalid_request_error',
            result.status === 404 ? 'model_not_found' : null,
          );
        send(res, 200, result.body);
      } else if (req.method === 'GET' && path === '/quiver/stats') send(res, 200, snapshot({ ...stats, inFlight }));
      else
        throw new HttpError(
          404,
          `no route ${req.method} ${req.url}; try POST /v1/chat/completions`,
          'invalid_request_error',
        );
    } catch (err) {
      if (res.headersSent || res.destroyed) return;
      const e =
        err instanceof HttpError
          ? err
          : new HttpError(500, `internal error: ${err instanceof Error ? err.message : String(err)}`, 'server_error');
      send(res, e.status, { error: { message: e.message, type: e.type, param: null, code: e.code } }, e.headers);
    }
  }

  const server = createServer((req, res) => void handle(req, res));
  // Longer than clients' idle keep-alive, so the server does not close a socket a client is about to reuse.
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', (err: NodeJS.ErrnoException) => reject(listenError(err, options.port)));
    server.listen(options.port, HOST, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://${HOST}:${port}/v1`,
    port,
    stats: () => snapshot({ ...stats, inFlight }),
    resetStats: () => {
      stats = freshStats();
      stats.maxInFlight = inFlight;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function freshStats() {
  return {
    requests: 0,
    completions: 0,
    inFlight: 0,
    maxInFlight: 0,
    byStatus: {} as Record<string, number>,
    dropped: 0,
  };
}

function snapshot(s: ReturnType<typeof freshStats>): ServeStats {
  return { ...s, byStatus: { ...s.byStatus } };
}

/** About four characters per token, like OpenAI's rule of thumb; at least 1. */
function tokens(text: string): number {
  return Math.max(1, Math.ceil(text.length / 4));
}

function checkKey(req: IncomingMessage, required: string | null): void {
  if (required === null) return;
  const got = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1] ?? '';
  if (got === required) return;
  // Worded like OpenAI's 401, which echoes a masked key: clients must not copy it into their logs.
  const masked = got.length > 8 ? `${got.slice(0, 3)}${'*'.repeat(got.length - 7)}${got.slice(-4)}` : '***';
  throw new HttpError(401, `Incorrect API key provided: ${masked}.`, 'invalid_request_error', 'invalid_api_key');
}

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text), ...headers });
  res.end(text);
}

async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new HttpError(413, 'request body too large', 'invalid_request_error');
    chunks.push(chunk as Buffer);
  }
  let body: unknown;
  try {
    body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    throw new HttpError(400, 'the request body is not valid JSON', 'invalid_request_error');
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    throw new HttpError(400, 'the request body must be a JSON object', 'invalid_request_error');
  return body as Record<string, unknown>;
}

/** A port that cannot be had is the user's to fix: a usage error naming the port and what to do. */
function listenError(err: NodeJS.ErrnoException, port: number): Error {
  if (err.code === 'EADDRINUSE')
    return new ConfigError(
      `port ${port} on ${HOST} is already in use; pick another with --port N, or --port 0 for a free one`,
    );
  if (err.code === 'EACCES')
    return new ConfigError(`port ${port} on ${HOST} needs privileges; pick a port above 1023 with --port N`);
  return err;
}
