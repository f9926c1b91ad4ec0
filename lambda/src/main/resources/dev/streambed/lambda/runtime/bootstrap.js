// Streambed's bootstrap for Lambda's Node.js runtimes.
//
// It speaks AWS's Lambda Runtime API at AWS_LAMBDA_RUNTIME_API: it loads the handler named by
// _HANDLER from LAMBDA_TASK_ROOT (CommonJS or ES module), then loops: take the next event, call
// the handler (async, or with a callback), post the result or the error in AWS's shape. Node's
// standard library only.
'use strict';
const http = require('http');
const path = require('path');
const fs = require('fs');
const util = require('util');
const { pathToFileURL } = require('url');

const [HOST, PORT] = process.env.AWS_LAMBDA_RUNTIME_API.split(':');
const BASE = '/2018-06-01/runtime';
const MARK = '\u0000streambed-done ';
let currentRequestId = undefined;

function call(method, p, body, headers) {
  return new Promise((resolve, reject) => {
    const data = body === undefined ? undefined : Buffer.from(body, 'utf8');
    const req = http.request({ host: HOST, port: PORT, path: BASE + p, method, agent: false,
      headers: Object.assign(data ? { 'Content-Length': data.length } : {}, headers || {}) }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    if (data) req.write(data);
    req.end();
  });
}

// console.* as AWS's Node.js runtime writes it: time, request id, level, message on one line.
for (const [name, level] of [['log', 'INFO'], ['info', 'INFO'], ['warn', 'WARN'], ['error', 'ERROR'], ['debug', 'DEBUG'], ['trace', 'TRACE']]) {
  console[name] = (...args) => {
    const message = util.format(...args).replace(/\n/g, '\r');
    process.stdout.write(new Date().toISOString() + '\t' + (currentRequestId || 'undefined') + '\t' + level + '\t' + message + '\n');
  };
}

function errorOf(e, type) {
  const err = e instanceof Error ? e : new Error(String(e));
  return { errorType: type || err.name || 'Error', errorMessage: err.message,
    trace: String(err.stack || '').split('\n') };
}

async function loadHandler() {
  const handler = process.env._HANDLER;
  const root = process.env.LAMBDA_TASK_ROOT;
  const dot = handler.lastIndexOf('.');
  const moduleName = handler.substring(0, dot);
  const functionName = handler.substring(dot + 1);
  let file = null;
  for (const ext of ['.js', '.mjs', '.cjs']) {
    if (fs.existsSync(path.join(root, moduleName + ext))) { file = path.join(root, moduleName + ext); break; }
  }
  if (file === null) {
    const e = new Error("Cannot find module '" + moduleName + "'");
    throw Object.assign(errorOf(e, 'Runtime.ImportModuleError'), { errorMessage: "Error: Cannot find module '" + moduleName + "'" });
  }
  let mod;
  if (file.endsWith('.mjs')) {
    mod = await import(pathToFileURL(file).href);
  } else {
    try {
      mod = require(file);
    } catch (e) {
      if (e && e.code === 'ERR_REQUIRE_ESM') mod = await import(pathToFileURL(file).href);
      else throw errorOf(e);
    }
  }
  const fn = mod[functionName] || (mod.default && mod.default[functionName]);
  if (typeof fn !== 'function') {
    throw { errorType: 'Runtime.HandlerNotFound', errorMessage: handler + ' is undefined or not exported', trace: [] };
  }
  return fn;
}

function done(requestId) {
  return new Promise((resolve) => process.stdout.write(MARK + requestId + '\n', resolve));
}

function invoke(fn, event, context) {
  return new Promise((resolve, reject) => {
    let settled = false;
    const callback = (err, result) => {
      if (settled) return;
      settled = true;
      if (err) reject(err); else resolve(result);
    };
    context.done = callback;
    context.succeed = (result) => callback(null, result);
    context.fail = (err) => callback(err || new Error('handled'));
    try {
      const returned = fn(event, context, callback);
      if (returned && typeof returned.then === 'function') {
        returned.then((r) => callback(null, r), (e) => callback(e));
      }
    } catch (e) {
      callback(e);
    }
  });
}

async function main() {
  let fn;
  try {
    fn = await loadHandler();
  } catch (e) {
    const error = e && e.errorType ? e : errorOf(e);
    console.error('Uncaught Exception \t' + JSON.stringify(error));
    await call('POST', '/init/error', JSON.stringify(error), { 'Lambda-Runtime-Function-Error-Type': error.errorType });
    process.exit(1);
  }
  for (;;) {
    const next = await call('GET', '/invocation/next');
    const requestId = next.headers['lambda-runtime-aws-request-id'];
    const deadline = Number(next.headers['lambda-runtime-deadline-ms'] || 0);
    currentRequestId = requestId;
    const context = {
      functionName: process.env.AWS_LAMBDA_FUNCTION_NAME,
      functionVersion: process.env.AWS_LAMBDA_FUNCTION_VERSION,
      invokedFunctionArn: next.headers['lambda-runtime-invoked-function-arn'],
      memoryLimitInMB: process.env.AWS_LAMBDA_FUNCTION_MEMORY_SIZE,
      awsRequestId: requestId,
      logGroupName: process.env.AWS_LAMBDA_LOG_GROUP_NAME,
      logStreamName: process.env.AWS_LAMBDA_LOG_STREAM_NAME,
      callbackWaitsForEmptyEventLoop: true,
      getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    };
    // The client context and identity of the invocation, as AWS's runtime gives them (when sent).
    for (const [header, member] of [['lambda-runtime-client-context', 'clientContext'],
                                    ['lambda-runtime-cognito-identity', 'identity']]) {
      if (next.headers[header]) context[member] = JSON.parse(next.headers[header]);
    }
    let result;
    try {
      const event = next.body ? JSON.parse(next.body) : null;
      result = await invoke(fn, event, context);
    } catch (e) {
      const error = errorOf(e);
      console.error('Invoke Error \t' + JSON.stringify(error));
      await done(requestId);
      await call('POST', '/invocation/' + requestId + '/error', JSON.stringify(error),
        { 'Lambda-Runtime-Function-Error-Type': 'Unhandled' });
      continue;
    }
    await done(requestId);
    await call('POST', '/invocation/' + requestId + '/response', result === undefined ? 'null' : JSON.stringify(result));
  }
}

main();
