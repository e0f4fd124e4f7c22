// Gureum's Node.js runtime for Lambda functions.
//
// Loads the handler that _HANDLER names ("file.function", "dir/file.function", "file.object.function")
// from the task root - CommonJS or ES module, .js, .mjs or .cjs - and serves invocations from the
// Lambda Runtime API at AWS_LAMBDA_RUNTIME_API. Handlers may be async, return a promise, or take a
// callback, or stream their response (awslambda.streamifyResponse). Node's standard library only.

import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import util from 'node:util';
import { pathToFileURL } from 'node:url';
import { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';

const api = process.env.AWS_LAMBDA_RUNTIME_API;
const slash = api.indexOf('/');
const hostPort = slash < 0 ? api : api.slice(0, slash);
const base = (slash < 0 ? '' : api.slice(slash)) + '/2018-06-01/runtime';
const colon = hostPort.lastIndexOf(':');
const host = hostPort.slice(0, colon).replace(/^\[|\]$/g, '');
const port = Number(hostPort.slice(colon + 1));
const agent = new http.Agent({ keepAlive: true, maxSockets: 1, noDelay: true });

let currentRequestId = '';

function call(method, urlPath, body, headers = {}) {
  return new Promise((resolve, reject) => {
    const request = http.request({ host, port, method, path: base + urlPath, agent, headers }, (response) => {
      const chunks = [];
      response.on('data', (chunk) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode, headers: response.headers,
        body: Buffer.concat(chunks) }));
      response.on('error', reject);
    });
    request.on('error', reject);
    request.end(body);
  });
}

function post(urlPath, document, errorType) {
  const body = Buffer.isBuffer(document) ? document : Buffer.from(JSON.stringify(document));
  const headers = { 'Content-Type': 'application/json', 'Content-Length': body.length };
  if (errorType) {
    headers['Lambda-Runtime-Function-Error-Type'] = errorType;
  }
  return call('POST', urlPath, body, headers);
}

// response streaming, as Lambda's Node.js runtimes provide it: awslambda.streamifyResponse marks a handler
// that takes (event, responseStream, context); its bytes go to the Runtime API as they are written
const STREAMING = Symbol.for('aws.lambda.runtime.handler.streaming');
const HTTP_INTEGRATION = 'application/vnd.awslambda.http-integration-response';

class HttpResponseStream {
  // a function URL's answer: the metadata (statusCode, headers, cookies) as JSON, 8 null bytes, then the body
  static from(stream, prelude) {
    stream.setContentType(HTTP_INTEGRATION);
    stream.write(JSON.stringify(prelude ?? {}));
    stream.write(new Uint8Array(8));
    return stream;
  }
}

globalThis.awslambda = {
  streamifyResponse(handler) {
    handler[STREAMING] = 'response';
    return handler;
  },
  HttpResponseStream,
};

function responseStream(requestId) {
  let request = null;
  let contentType = 'application/octet-stream';
  let answered = Promise.resolve();
  const open = () => {
    if (request === null) {
      request = http.request({ host, port, method: 'POST', agent, path: `${base}/invocation/${requestId}/response`,
        headers: {
          'Content-Type': contentType,
          'Lambda-Runtime-Function-Response-Mode': 'streaming',
          'Transfer-Encoding': 'chunked',
          Trailer: 'Lambda-Runtime-Function-Error-Type, Lambda-Runtime-Function-Error-Body',
        } });
      answered = new Promise((resolve, reject) => {
        request.on('response', (response) => {
          response.resume();
          response.on('end', resolve);
        });
        request.on('error', reject);
      });
    }
    return request;
  };
  const stream = new Writable({
    write(chunk, encoding, callback) {
      open().write(chunk);
      callback();
    },
    final(callback) {
      open().end();
      callback();
    },
  });
  stream.setContentType = (type) => {
    contentType = type;
  };
  // the function failed part-way: what it wrote stays sent, the error follows in the trailers
  stream.fail = (document) => {
    const r = open();
    if (!r.writableEnded) {
      r.addTrailers({
        'Lambda-Runtime-Function-Error-Type': document.errorType,
        'Lambda-Runtime-Function-Error-Body': Buffer.from(JSON.stringify(document)).toString('base64'),
      });
      r.end();
    }
  };
  stream.answered = () => answered;
  return stream;
}

async function serveStreaming(handler, body, ctx, requestId) {
  const stream = responseStream(requestId);
  try {
    const event = body.length ? JSON.parse(body.toString('utf8')) : {};
    await handler(event, stream, ctx);
    if (!stream.writableEnded) {
      stream.end();
    }
    await finished(stream);
  } catch (error) {
    const document = errorDocument(error);
    logError('Invoke Error', document);
    stream.fail(document);
  }
  await stream.answered();
}

// console output as Lambda writes it: one line per call, newlines kept as carriage returns
function patchConsole() {
  const levels = { log: 'INFO', info: 'INFO', warn: 'WARN', error: 'ERROR', debug: 'DEBUG', trace: 'TRACE' };
  for (const [name, level] of Object.entries(levels)) {
    console[name] = (...args) => {
      const message = util.format(...args).replace(/\n/g, '\r');
      process.stdout.write(`${new Date().toISOString()}\t${currentRequestId || 'undefined'}\t${level}\t${message}\n`);
    };
  }
}

function errorDocument(error) {
  if (error instanceof Error) {
    return {
      errorType: error.name || 'Error',
      errorMessage: error.message,
      trace: typeof error.stack === 'string' ? error.stack.split('\n') : [],
    };
  }
  if (typeof error === 'string') {
    return { errorType: 'string', errorMessage: error, trace: [] };
  }
  let message;
  try {
    message = JSON.stringify(error);
  } catch {
    message = String(error);
  }
  return { errorType: typeof error, errorMessage: message, trace: [] };
}

function logError(prefix, document) {
  process.stdout.write(`${new Date().toISOString()}\t${currentRequestId || 'undefined'}\tERROR\t${prefix} `
    + `\t${JSON.stringify(document)}\n`);
}

class InitError extends Error {
  constructor(type, message, cause) {
    super(message);
    this.type = type;
    this.cause = cause;
  }
}

async function loadHandler() {
  const spec = process.env._HANDLER || '';
  const taskRoot = process.env.LAMBDA_TASK_ROOT || process.cwd();
  const lastSlash = spec.lastIndexOf('/');
  const dir = spec.slice(0, lastSlash + 1);
  const rest = spec.slice(lastSlash + 1);
  const dot = rest.indexOf('.');
  if (dot <= 0 || dot === rest.length - 1) {
    throw new InitError('Runtime.MalformedHandlerName', `Bad handler ${spec}`);
  }
  const moduleName = dir + rest.slice(0, dot);
  const functionPath = rest.slice(dot + 1).split('.');
  let file = null;
  for (const extension of ['.js', '.mjs', '.cjs']) {
    const candidate = path.resolve(taskRoot, moduleName + extension);
    if (fs.existsSync(candidate)) {
      file = candidate;
      break;
    }
  }
  let loaded;
  try {
    if (file === null) {
      throw Object.assign(new Error(`Cannot find module '${moduleName}'\nRequire stack:\n- ${import.meta.url}`),
        { code: 'MODULE_NOT_FOUND' });
    }
    loaded = await import(pathToFileURL(file).href);
  } catch (error) {
    if (error instanceof SyntaxError) {
      throw new InitError('Runtime.UserCodeSyntaxError', `${error.name}: ${error.message}`, error);
    }
    if (error && (error.code === 'MODULE_NOT_FOUND' || error.code === 'ERR_MODULE_NOT_FOUND')) {
      throw new InitError('Runtime.ImportModuleError', `Error: ${error.message}`, error);
    }
    throw error;
  }
  const find = (root) => functionPath.reduce((value, key) => (value == null ? undefined : value[key]), root);
  let handler = find(loaded);
  if (typeof handler !== 'function' && loaded.default != null) {
    handler = find(loaded.default);
  }
  if (typeof handler !== 'function') {
    throw new InitError('Runtime.HandlerNotFound', `${moduleName}.${functionPath.join('.')} is undefined or not exported`);
  }
  return handler;
}

function context(headers) {
  const deadline = Number(headers['lambda-runtime-deadline-ms'] || 0);
  const clientContext = headers['lambda-runtime-client-context'];
  const identity = headers['lambda-runtime-cognito-identity'];
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName: process.env.AWS_LAMBDA_FUNCTION_NAME,
    functionVersion: process.env.AWS_LAMBDA_FUNCTION_VERSION,
    invokedFunctionArn: headers['lambda-runtime-invoked-function-arn'],
    memoryLimitInMB: process.env.AWS_LAMBDA_FUNCTION_MEMORY_SIZE,
    awsRequestId: headers['lambda-runtime-aws-request-id'],
    logGroupName: process.env.AWS_LAMBDA_LOG_GROUP_NAME,
    logStreamName: process.env.AWS_LAMBDA_LOG_STREAM_NAME,
    clientContext: clientContext ? JSON.parse(clientContext) : undefined,
    identity: identity ? JSON.parse(identity) : undefined,
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
  };
}

// runs the handler, whichever style it is written in, to one outcome
function run(handler, event, ctx) {
  return new Promise((resolve, reject) => {
    let settled = false;
    const done = (error, result) => {
      if (settled) {
        return;
      }
      settled = true;
      if (error !== undefined && error !== null) {
        reject(error);
      } else {
        resolve(result);
      }
    };
    ctx.done = done;
    ctx.succeed = (result) => done(null, result);
    ctx.fail = (error) => done(error ?? new Error('handled'));
    let returned;
    try {
      returned = handler(event, ctx, done);
    } catch (error) {
      done(error);
      return;
    }
    if (returned && typeof returned.then === 'function') {
      returned.then((result) => done(null, result), (error) => done(error ?? new Error('Promise rejected')));
    } else if (handler.length < 3) {
      done(null, returned);
    }
  });
}

let inFlight = null;

async function failAndExit(type, error) {
  const document = errorDocument(error);
  document.errorType = type === 'Runtime.UnhandledPromiseRejection' && error instanceof Error ? type : document.errorType;
  logError('Uncaught Exception', document);
  try {
    if (inFlight) {
      await post(`/invocation/${inFlight}/error`, document, type);
    } else {
      await post('/init/error', document, type);
    }
  } finally {
    process.exit(129);
  }
}

async function main() {
  patchConsole();
  process.on('uncaughtException', (error) => failAndExit('Runtime.UncaughtException', error));
  process.on('unhandledRejection', (reason) => failAndExit('Runtime.UnhandledPromiseRejection', reason));

  let handler;
  try {
    handler = await loadHandler();
  } catch (error) {
    const type = error instanceof InitError ? error.type : (error && error.name) || 'Error';
    const document = error instanceof InitError
      ? { errorType: type, errorMessage: error.message, trace: error.cause && error.cause.stack
        ? error.cause.stack.split('\n') : [] }
      : errorDocument(error);
    logError('Uncaught Exception', document);
    await post('/init/error', document, type);
    process.exit(1);
  }

  for (;;) {
    const next = await call('GET', '/invocation/next');
    if (next.status !== 200) {
      process.stderr.write(`Runtime API answered ${next.status} to next: ${next.body.toString().slice(0, 200)}\n`);
      process.exit(1);
    }
    const requestId = next.headers['lambda-runtime-aws-request-id'];
    currentRequestId = requestId;
    inFlight = requestId;
    if (next.headers['lambda-runtime-trace-id']) {
      process.env._X_AMZN_TRACE_ID = next.headers['lambda-runtime-trace-id'];
    } else {
      delete process.env._X_AMZN_TRACE_ID;
    }
    if (handler[STREAMING] === 'response') {
      await serveStreaming(handler, next.body, context(next.headers), requestId);
      inFlight = null;
      continue;
    }
    let outcome;
    try {
      const event = next.body.length ? JSON.parse(next.body.toString('utf8')) : {};
      const result = await run(handler, event, context(next.headers));
      const json = JSON.stringify(result === undefined ? null : result);
      outcome = { ok: Buffer.from(json === undefined ? 'null' : json) };
    } catch (error) {
      const document = errorDocument(error);
      logError('Invoke Error', document);
      outcome = { error: document };
    }
    inFlight = null;
    if (outcome.error) {
      await post(`/invocation/${requestId}/error`, outcome.error, outcome.error.errorType);
    } else {
      await post(`/invocation/${requestId}/response`, outcome.ok);
    }
  }
}

main();
