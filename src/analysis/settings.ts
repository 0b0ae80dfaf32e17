import Ajv, { type ValidateFunction } from 'ajv';
import type { JSONSchema4 } from '@typescript-eslint/utils/json-schema';
import type { ClientEntry } from './catalog/types';
import { DEFAULT_HOT_FUNCTIONS } from './context';

/**
 * `settings.hotpath`: the one module that owns the shared settings, their schema and defaults.
 * Rules read them through `getSettings`, which falls back to the defaults and fails loudly (naming
 * the setting) on a value of the wrong shape, the way ESLint fails on a bad rule option.
 */
export interface HotpathSettings {
  /** Milliseconds that fixes write into new deadlines. */
  timeoutMs: number;
  /** Extra client-catalog entries (in-house wrappers), same shape as the built-in ones. */
  clients: ClientEntry[];
  /** Function names that run once per tick of a game or server loop. */
  hotFunctions: string[];
}

export const DEFAULT_TIMEOUT_MS = 10_000;

const optionsSlotSchema: JSONSchema4 = {
  type: 'object',
  properties: {
    index: { type: 'integer', minimum: 0 },
    optionalBefore: { type: 'integer', minimum: 0 },
    objectFirst: { type: 'boolean' },
    requestFirst: { type: 'boolean' },
  },
  required: ['index'],
  additionalProperties: false,
};

const deadlineSchema: JSONSchema4 = {
  type: 'object',
  properties: {
    keys: { type: 'array', items: { type: 'string' }, minItems: 1 },
    default: { type: ['number', 'null'] },
    fix: {
      type: 'object',
      properties: { key: { type: 'string' }, value: { type: 'string' } },
      required: ['key', 'value'],
      additionalProperties: false,
    },
    inStrings: {
      type: 'object',
      properties: { key: { type: 'string' }, words: { type: 'array', items: { type: 'string' } } },
      required: ['key', 'words'],
      additionalProperties: false,
    },
  },
  required: ['keys', 'default', 'fix'],
  additionalProperties: false,
};

const callSchema: JSONSchema4 = {
  type: 'object',
  properties: {
    options: optionsSlotSchema,
    deadline: deadlineSchema,
    resultDeadline: {
      type: 'object',
      properties: { methods: { type: 'array', items: { type: 'string' } }, events: { type: 'array', items: { type: 'string' } } },
      required: ['methods', 'events'],
      additionalProperties: false,
    },
    exemptWhen: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          key: { type: 'string' },
          values: { type: 'array', items: { type: ['string', 'number', 'boolean'] } },
        },
        required: ['key', 'values'],
        additionalProperties: false,
      },
    },
    exemptFirstArgument: { type: 'string' },
    roundTrip: { type: 'boolean' },
    read: { type: 'boolean' },
    batch: { type: 'string' },
    sameTick: { type: 'boolean' },
    statementArgument: { type: 'integer', minimum: 0 },
    batchWith: {
      type: 'object',
      properties: { method: { type: 'string' }, shape: { type: 'string', enum: ['insert', 'lookup', 'update', 'get'] } },
      required: ['method', 'shape'],
      additionalProperties: false,
    },
  },
  additionalProperties: false,
};

const constructorSchema: JSONSchema4 = {
  type: 'object',
  properties: {
    isNew: { type: 'boolean' },
    instance: { type: 'string' },
    options: optionsSlotSchema,
    deadlines: { type: 'array', items: deadlineSchema },
    coversCalls: { type: 'boolean' },
    pooled: { type: 'boolean' },
  },
  required: ['instance'],
  additionalProperties: false,
};

const defaultsSchema: JSONSchema4 = {
  type: 'object',
  properties: { property: { type: 'string' }, keys: { type: 'array', items: { type: 'string' } } },
  required: ['property', 'keys'],
  additionalProperties: false,
};

// Ajv (ESLint's for rule options, and getSettings' own) compiles a schema into one function with every
// subschema written out in it: the catalog entry, with the call schema three times over, came to about
// 250,000 characters of generated code per rule that takes `clients`, six compiled copies that ESLint
// keeps for the whole lint (with their bytecode 3 MB, the largest thing the plugin held between files).
// Referenced by id, the entry is compiled once per Ajv instance and every rule's validator calls it.
// Ajv writes a referenced schema in place unless it holds a reference itself, hence the call schema by
// id too. Validation and its error messages are the same as with the schemas written in place.
const CLIENT_ENTRY_ID = 'urn:eslint-plugin-hotpath:client-entry';
const CALL_ID = 'urn:eslint-plugin-hotpath:call';
const callRef: JSONSchema4 = { $ref: CALL_ID };

/** `$id` (draft-06 on) is what getSettings' Ajv reads, ESLint's reads it too; JSONSchema4 types only `id`. */
function withId(id: string, schema: JSONSchema4): JSONSchema4 {
  return { $id: id, ...schema } as unknown as JSONSchema4;
}

const clientEntryDefinition: JSONSchema4 = withId(CLIENT_ENTRY_ID, {
  type: 'object',
  properties: {
    name: { type: 'string' },
    category: { type: 'string', enum: ['http', 'process', 'database', 'cache'] },
    sources: { type: 'array', items: { type: 'string' } },
    globals: { type: 'array', items: { type: 'string' } },
    defaultExport: { type: 'string' },
    calls: { type: 'object', additionalProperties: callRef },
    constructors: { type: 'object', additionalProperties: constructorSchema },
    instances: {
      type: 'object',
      additionalProperties: {
        type: 'object',
        properties: {
          calls: { type: 'object', additionalProperties: callRef },
          queueOnly: { type: 'array', items: { type: 'string' } },
          returns: { type: 'object', additionalProperties: { type: 'string' } },
          defaults: defaultsSchema,
          properties: { type: 'object', additionalProperties: { type: 'string' } },
          chain: { type: 'boolean' },
          thenable: callRef,
          callbackParams: { type: 'object', additionalProperties: { type: 'string' } },
          closeMethods: { type: 'array', items: { type: 'string' } },
        },
        additionalProperties: false,
      },
    },
    types: { type: 'object', additionalProperties: { type: 'string' } },
    defaults: defaultsSchema,
    statics: { type: 'object', additionalProperties: { type: 'string' } },
    injections: {
      type: 'object',
      properties: {
        sources: { type: 'array', items: { type: 'string' } },
        decorators: { type: 'object', additionalProperties: { type: 'string' } },
      },
      required: ['sources', 'decorators'],
      additionalProperties: false,
    },
  },
  required: ['name', 'category', 'sources'],
  additionalProperties: false,
  definitions: { call: withId(CALL_ID, callSchema) },
});

/**
 * JSON schema of one catalog entry: used for the rule option `clients` and for `settings.hotpath.clients`.
 * A reference that carries its definition, so that each schema it is placed in resolves it by itself
 * (under `allOf`: Ajv resolves an id through the path to its definition and would follow a `$ref` on it).
 */
export const clientEntrySchema: JSONSchema4 = { allOf: [{ $ref: CLIENT_ENTRY_ID }], definitions: { clientEntry: clientEntryDefinition } };

export const timeoutMsSchema: JSONSchema4 = { type: 'integer', minimum: 1 };

/**
 * An object schema for rule options whose scalar options fail with their own name. ESLint prints a
 * failed schema as `Value "x" should be integer.`, without the option's name; here a wrong value
 * fails a `required` check instead, so the message reads
 * `Value {"timeoutMs":"x"} should have required property 'timeoutMs: an integer >= 1'`.
 */
export function namedOptionsSchema(
  properties: Record<string, JSONSchema4 & { expected?: string }>,
): JSONSchema4 {
  const checks: JSONSchema4[] = [];
  const plain: Record<string, JSONSchema4> = {};
  for (const [name, { expected, ...schema }] of Object.entries(properties)) {
    if (!expected) {
      plain[name] = schema;
      continue;
    }
    plain[name] = { description: schema.description } as JSONSchema4;
    delete schema.description;
    // draft-07 if/then, which ESLint's Ajv runs; the JSONSchema4 type does not know the keywords.
    checks.push({
      if: { required: [name], properties: { [name]: { not: schema } } },
      then: { required: [`${name}_${expected}`] },
    } as unknown as JSONSchema4);
  }
  return { type: 'object', properties: plain, additionalProperties: false, ...(checks.length ? { allOf: checks } : {}) };
}

export const settingsSchema: JSONSchema4 = {
  type: 'object',
  properties: {
    timeoutMs: timeoutMsSchema,
    clients: { type: 'array', items: clientEntrySchema },
    hotFunctions: { type: 'array', items: { type: 'string' } },
  },
  additionalProperties: false,
};

// Compiled at the first settings.hotpath there is to check: most configurations have none, and a
// compiled validator stays in memory for the whole lint.
let validate: ValidateFunction | undefined;
const parsed = new WeakMap<object, HotpathSettings>();
const defaults: HotpathSettings = { timeoutMs: DEFAULT_TIMEOUT_MS, clients: [], hotFunctions: DEFAULT_HOT_FUNCTIONS };

/** Reads `settings.hotpath`, validated once per settings object. Throws on a bad value, naming it. */
export function getSettings(settings: Readonly<Record<string, unknown>> | undefined): HotpathSettings {
  const raw = settings?.['hotpath'];
  if (raw === undefined) return defaults;
  if (typeof raw !== 'object' || raw === null) {
    throw new Error('eslint-plugin-hotpath: settings.hotpath must be an object.');
  }
  const known = parsed.get(raw);
  if (known) return known;
  validate ??= new Ajv({ allErrors: false }).compile(settingsSchema);
  if (!validate(raw)) {
    const error = validate.errors?.[0];
    const where = `settings.hotpath${error?.dataPath ?? ''}`;
    throw new Error(`eslint-plugin-hotpath: ${where} ${error?.message ?? 'is invalid'}.`);
  }
  const value = raw as Partial<HotpathSettings>;
  const result: HotpathSettings = {
    timeoutMs: value.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    clients: value.clients ?? [],
    hotFunctions: value.hotFunctions ?? DEFAULT_HOT_FUNCTIONS,
  };
  parsed.set(raw, result);
  return result;
}
