import type { CallSpec, ClientEntry, DeadlineGroup } from './types';

// Global fetch and undici wait 300 s for response headers and 300 s between body chunks by default
// (undici's headersTimeout/bodyTimeout); only an AbortSignal bounds the whole call.
const signalDeadline: DeadlineGroup = {
  keys: ['signal'],
  default: 300_000,
  fix: { key: 'signal', value: 'AbortSignal.timeout({ms})' },
};

// node:http has no deadline at all. Its `timeout` option only emits 'timeout' and aborts nothing,
// so only `signal` counts here.
const httpDeadline: DeadlineGroup = { ...signalDeadline, default: null };

const fetchCall: CallSpec = { options: { index: 1, requestFirst: true }, deadline: signalDeadline, read: true };

export const fetchClient: ClientEntry = {
  name: 'undici',
  category: 'http',
  sources: ['undici'],
  globals: ['fetch'],
  calls: {
    fetch: fetchCall,
    request: { options: { index: 1 }, deadline: signalDeadline },
    stream: { options: { index: 1 }, deadline: signalDeadline },
  },
  constructors: {
    Agent: { isNew: true, instance: 'Dispatcher', pooled: true },
    Pool: { isNew: true, instance: 'Dispatcher', pooled: true },
    Client: { isNew: true, instance: 'Dispatcher', pooled: true },
  },
  instances: { Dispatcher: { closeMethods: ['close', 'destroy'] } },
};

export const nodeFetchClient: ClientEntry = {
  name: 'node-fetch',
  category: 'http',
  sources: ['node-fetch'],
  defaultExport: 'fetch',
  calls: {
    // node-fetch v2 also reads a non-standard `timeout` option.
    fetch: { ...fetchCall, deadline: { ...signalDeadline, keys: ['signal', 'timeout'], default: null } },
  },
};

const httpRequest: CallSpec = {
  options: { index: 1, objectFirst: true },
  deadline: httpDeadline,
  // The common pre-AbortSignal idiom: `req.setTimeout(ms, () => req.destroy())`.
  resultDeadline: { methods: ['setTimeout'], events: ['timeout'] },
};

export const nodeHttpClient: ClientEntry = {
  name: 'http',
  category: 'http',
  sources: ['http', 'node:http', 'https', 'node:https'],
  calls: { request: httpRequest, get: { ...httpRequest, read: true } },
  constructors: { Agent: { isNew: true, instance: 'Agent', pooled: true } },
  instances: { Agent: { closeMethods: ['destroy'] } },
};

// axios waits forever unless `timeout` (0 = none) or a signal/cancel token is given.
const axiosDeadline: DeadlineGroup = {
  keys: ['timeout', 'signal', 'cancelToken'],
  default: null,
  fix: { key: 'timeout', value: '{ms}' },
};
const axiosConfigAt1: CallSpec = { options: { index: 1 }, deadline: axiosDeadline, read: true };
const axiosConfigAt2: CallSpec = { options: { index: 2 }, deadline: axiosDeadline };
const axiosCalls: Record<string, CallSpec> = {
  '': { options: { index: 1, objectFirst: true }, deadline: axiosDeadline },
  request: { options: { index: 0 }, deadline: axiosDeadline },
  get: axiosConfigAt1,
  head: axiosConfigAt1,
  options: axiosConfigAt1,
  delete: { ...axiosConfigAt1, read: false },
  post: axiosConfigAt2,
  put: axiosConfigAt2,
  patch: axiosConfigAt2,
  postForm: axiosConfigAt2,
  putForm: axiosConfigAt2,
  patchForm: axiosConfigAt2,
};

export const axiosClient: ClientEntry = {
  name: 'axios',
  category: 'http',
  sources: ['axios'],
  calls: axiosCalls,
  constructors: {
    create: { instance: 'instance', options: { index: 0 }, deadlines: [axiosDeadline], coversCalls: true },
  },
  instances: {
    instance: { calls: axiosCalls, defaults: { property: 'defaults', keys: ['timeout', 'signal'] } },
  },
  types: { AxiosInstance: 'instance', Axios: 'instance' },
  defaults: { property: 'defaults', keys: ['timeout', 'signal'] },
};

// got has no timeout by default; `timeout: { request: ms }` bounds the whole request.
const gotDeadline: DeadlineGroup = {
  keys: ['timeout', 'signal'],
  default: null,
  fix: { key: 'timeout', value: '{ request: {ms} }' },
};
const gotCall: CallSpec = { options: { index: 1, objectFirst: true }, deadline: gotDeadline };
const gotCalls: Record<string, CallSpec> = {
  '': gotCall,
  get: { ...gotCall, read: true },
  head: { ...gotCall, read: true },
  post: gotCall,
  put: gotCall,
  patch: gotCall,
  delete: gotCall,
  stream: gotCall,
  paginate: gotCall,
};

export const gotClient: ClientEntry = {
  name: 'got',
  category: 'http',
  sources: ['got'],
  calls: gotCalls,
  constructors: {
    extend: { instance: 'instance', options: { index: 0 }, deadlines: [gotDeadline], coversCalls: true },
  },
  instances: { instance: { calls: gotCalls } },
  types: { Got: 'instance' },
};
