import { describe, expect, it } from 'vitest';
import transform, { codemod } from '../../codemods/batch-db-calls';
import { codemodMayChange } from '../../src/analysis/codemod';
import { cases } from '../rules/no-n-plus-one.cases';
import { fixtureCases, runTransform, prefilterPairTests, type PrefilterPair } from './harness';

const fixtures = fixtureCases('batch-db-calls');

describe('batch-db-calls fixtures', () => {
  it('has fixtures, including one that must not change', () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(4);
    expect(fixtures.some((fixture) => fixture.expected === fixture.input)).toBe(true);
  });

  for (const fixture of fixtures) {
    it(`${fixture.name}: rewrites to the expected output`, () => {
      expect(runTransform(transform, fixture.input, fixture.file)).toBe(fixture.expected);
    });

    it(`${fixture.name}: is idempotent`, () => {
      const once = runTransform(transform, fixture.input, fixture.file);
      expect(runTransform(transform, once, fixture.file)).toBe(once);
    });
  }

  it('reports the shapes it leaves alone, with the reason', () => {
    const fixture = fixtures.find((candidate) => candidate.name === 'prisma-writes')!;
    const reports: string[] = [];
    runTransform(transform, fixture.input, fixture.file, {}, {}, reports);
    expect(reports).toEqual([expect.stringMatching(/^prisma-writes\.ts:16:24: left alone: `prisma\.post\.findFirst\(\)` makes one prisma round trip/)]);
  });
});

describe('batch-db-calls parity with the rule suggestion', () => {
  // Every RuleTester case whose one finding has a suggestion: the codemod writes exactly its output.
  const withSuggestion = cases.invalid.filter((testCase) => testCase.errors.length === 1 && testCase.errors[0]!.suggestions?.length);
  it('covers the canonical shapes', () => {
    expect(withSuggestion.length).toBeGreaterThanOrEqual(10);
  });
  withSuggestion.forEach((testCase, index) => {
    it(`case ${index}: matches the suggestion`, () => {
      const options = (testCase.options?.[0] ?? {}) as Record<string, unknown>;
      const file = testCase.filename ?? 'case.ts';
      const expected = testCase.errors[0]!.suggestions![0]!.output;
      expect(runTransform(transform, testCase.code, file, options)).toBe(expected);
    });
  });
});

describe('batch-db-calls leaves code without findings byte-identical', () => {
  for (const testCase of cases.valid) {
    const code = typeof testCase === 'string' ? testCase : testCase.code;
    const file = typeof testCase === 'string' ? 'case.ts' : (testCase.filename ?? 'case.ts');
    const options = typeof testCase === 'string' ? {} : ((testCase.options?.[0] ?? {}) as Record<string, unknown>);
    it(`${file}: ${code.slice(0, 80)}`, () => {
      expect(runTransform(transform, code, file, options)).toBe(code);
    });
  }
});

describe('batch-db-calls leaves a create whose model runs per-record hooks', () => {
  // The sweep rewrote outline's notification loop into `Notification.bulkCreate(...)`, which skips
  // the model's @AfterCreate hook (the one that sends the notifications).
  const hooked = cases.invalid.find((testCase) => testCase.filename === 'server/queues/tasks/DocumentPublishedNotificationsTask.ts')!;
  const sequelize = `import { Model } from 'sequelize';\nclass Event extends Model {}\nexport async function record(events: object[]) {\n  for (const event of events) await Event.create(event);\n}\n`;
  const mongoose = `import mongoose from 'mongoose';\nconst Cat = mongoose.model('Cat', new mongoose.Schema({}));\nexport async function f(names: string[]) {\n  await Promise.all(names.map((name) => Cat.create({ name })));\n}\n`;

  for (const [name, code, file] of [
    ['outline: Sequelize create with an @AfterCreate hook', hooked.code, hooked.filename!],
    ['Sequelize create', sequelize, 'events.ts'],
    ['Mongoose create (save middleware)', mongoose, 'cats.ts'],
  ] as const) {
    it(`${name}: unchanged, and reported as left alone`, () => {
      const reports: string[] = [];
      expect(runTransform(transform, code, file, {}, {}, reports)).toBe(code);
      expect(reports).toEqual([expect.stringMatching(/left alone: .*makes one (sequelize|mongoose) round trip/)]);
    });
  }

  it('still batches the MongoDB driver insertOne, which has no hooks', () => {
    const code = `import { MongoClient } from 'mongodb';\nconst logs = new MongoClient('mongodb://x').db('app').collection('logs');\nexport async function f(lines: string[]) {\n  await Promise.all(lines.map((line) => logs.insertOne({ line })));\n}\n`;
    expect(runTransform(transform, code, 'logs.ts')).toContain('logs.insertMany(lines.map((line) => ({ line })))');
  });
});

describe('batch-db-calls options', () => {
  it('writes --chunkSize into the chunked IN query', () => {
    const source = `import { Pool } from 'pg';\nconst pool = new Pool();\nexport const f = (ids: number[]) => Promise.all(ids.map(async (id) => (await pool.query('SELECT * FROM t WHERE id = $1', [id])).rows[0]));\n`;
    const output = runTransform(transform, source, 'a.ts', { chunkSize: '500' });
    expect(output).toContain('i += 500');
    expect(output).toContain('ids.slice(i, i + 500)');
    expect(output).toContain("'SELECT * FROM t WHERE id = ANY($1)', [chunk]");
  });
});

describe('batch-db-calls prefilter: a file is parsed only where a rewrite can be', () => {
  const parses = (code: string, filePath = 'service.ts') => codemodMayChange(codemod, code, { ruleOptions: {}, settings: {}, filePath });
  const prisma = (body: string) => `import { PrismaClient } from '@prisma/client';\nconst prisma = new PrismaClient();\nexport async function publish(ids: string[]) {\n${body}\n}\n`;
  const update = "prisma.post.update({ where: { id }, data: { published: true } })";

  // Each pair: a per-item call the rule leaves without a rewrite (not parsed), and its nearest shape
  // with one (parsed, and the codemod does rewrite it).
  const pairs: PrefilterPair[] = [
    {
      name: 'Promise.allSettled, which the rewrite does not take',
      skipped: prisma(`  await Promise.allSettled(ids.map((id) => ${update}));`),
      rewritten: prisma(`  await Promise.all(ids.map((id) => ${update}));`),
    },
    {
      name: 'a callback of two parameters',
      skipped: prisma(`  await Promise.all(ids.map((id, index) => ${update}));`),
      rewritten: prisma(`  await Promise.all(ids.map((id) => ${update}));`),
    },
    {
      name: 'a batched call with more arguments than its rewrite takes',
      skipped: prisma("  for (const name of ids) {\n    await prisma.tag.create({ data: { name } }, { timeout: 5 });\n  }"),
      rewritten: prisma("  for (const name of ids) {\n    await prisma.tag.create({ data: { name } });\n  }"),
    },
    {
      name: 'a loop whose statement chains on the batched call',
      skipped: prisma("  for (const name of ids) {\n    await prisma.tag.create({ data: { name } }).then(console.log);\n  }"),
      rewritten: prisma("  for (const name of ids) {\n    await prisma.tag.create({ data: { name } });\n  }"),
    },
  ];

  prefilterPairTests(codemod, transform, 'service.ts', pairs);

  it('a migration is skipped unparsed (the rule skips it) unless scripts are checked', () => {
    const code = prisma("  for (const name of ids) {\n    await prisma.tag.create({ data: { name } });\n  }");
    expect(parses(code, 'db/migrations/001-tags.ts')).toBe(false);
    expect(runTransform(transform, code, 'db/migrations/001-tags.ts')).toBe(code);
    expect(codemodMayChange(codemod, code, { ruleOptions: { checkScripts: true }, settings: {}, filePath: 'db/migrations/001-tags.ts' })).toBe(true);
    expect(runTransform(transform, code, 'db/migrations/001-tags.ts', { checkScripts: 'true' })).not.toBe(code);
    expect(parses(code, 'db/models/tags.ts')).toBe(true);
  });
});
