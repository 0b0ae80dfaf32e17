import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import Ajv from 'ajv';
import { beforeAll, describe, expect, it } from 'vitest';
import { BROKEN, FLAGGED, fixture, run } from './helpers';

// The OASIS SARIF 2.1.0 schema (a draft-04 JSON schema), read from the package that ships it rather
// than copied into the repository.
const requireFromRepo = createRequire(path.join(__dirname, '../../package.json'));
const SCHEMA = requireFromRepo.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json');

let validate: Ajv.ValidateFunction;

beforeAll(() => {
  const ajv = new Ajv({ schemaId: 'auto', allErrors: true, format: 'full' });
  ajv.addMetaSchema(requireFromRepo('ajv/lib/refs/json-schema-draft-04.json') as object);
  validate = ajv.compile(JSON.parse(readFileSync(SCHEMA, 'utf8')) as object);
});

function errorsOf(log: unknown): string {
  validate(log);
  return (validate.errors ?? []).map((error) => `${error.dataPath} ${error.message}`).join('\n');
}

async function sarif(cwd: string, ...args: string[]): Promise<{ code: number; log: Record<string, unknown> & { runs: Record<string, unknown>[] } }> {
  const result = await run(['scan', '--format', 'sarif', ...args], cwd);
  return { code: result.code, log: JSON.parse(result.stdout) };
}

describe('hotpath scan --format sarif against the SARIF 2.1.0 JSON schema', () => {
  it('is valid with findings, a file that does not parse, several roots and a root outside the working directory', async () => {
    const outside = fixture({ 'lib/remote.ts': FLAGGED });
    const dir = fixture({
      'services/api/a.ts': FLAGGED + FLAGGED.replace('f(', 'g('),
      'services/api/broken.ts': BROKEN,
      'services/game/loop.ts': FLAGGED,
      // Characters a URI must escape.
      'services/game/app/[id] route.ts': FLAGGED,
    });
    const { code, log } = await sarif(dir, 'services/api', 'services/game', path.join(outside, 'lib'), '--preset', 'strict');
    expect(code).toBe(1);
    expect(errorsOf(log)).toBe('');
    const results = log.runs[0]!['results'] as { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }[];
    expect(results).toHaveLength(5);
    const uris = results.map((result) => result.locations[0]!.physicalLocation.artifactLocation.uri);
    expect(uris).toContain('services/game/app/%5Bid%5D%20route.ts');
    expect(uris.some((uri) => uri.startsWith('file:///'))).toBe(true);
    const invocation = (log.runs[0]!['invocations'] as { toolExecutionNotifications: unknown[] }[])[0]!;
    expect(invocation.toolExecutionNotifications).toHaveLength(1);
  });

  it('is valid on a clean tree (no results, every rule still described)', async () => {
    const dir = fixture({ 'a.ts': 'export const x = 1;\n' });
    const { code, log } = await sarif(dir, '--preset', 'strict');
    expect(code).toBe(0);
    expect(errorsOf(log)).toBe('');
    const rules = (log.runs[0]!['tool'] as { driver: { rules: unknown[] } }).driver.rules;
    expect(rules.length).toBeGreaterThan(0);
  });

  it('the validator rejects what the schema forbids (so the checks above can fail)', async () => {
    const dir = fixture({ 'a.ts': FLAGGED });
    const { log } = await sarif(dir);
    const results = log.runs[0]!['results'] as Record<string, unknown>[];
    expect(errorsOf({ ...log, version: '2.0.0' })).toMatch(/\.version/);
    expect(errorsOf({ ...log, runs: [{ ...log.runs[0], results: [{ ...results[0], level: 'fatal' }] }] })).toMatch(/level/);
    const region = { startLine: 0 };
    const location = { physicalLocation: { artifactLocation: { uri: 'a.ts' }, region } };
    expect(errorsOf({ ...log, runs: [{ ...log.runs[0], results: [{ ...results[0], locations: [location] }] }] })).toMatch(/startLine/);
  });
});
