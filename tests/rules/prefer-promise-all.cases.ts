import type { InvalidTestCase, ValidTestCase } from '@typescript-eslint/rule-tester';
import type { MessageId, Options } from '../../rules/prefer-promise-all';

// Shared by the RuleTester table and the parallelize-awaits codemod's parity and must-not-change tests.

export const cases: {
  valid: (string | ValidTestCase<Options>)[];
  invalid: InvalidTestCase<MessageId, Options>[];
} = {
  valid: [
    // The second call reads what the first produced.
    `async function f(id: string) {
  const order = await findOrder(id);
  const items = await listLineItems(order.id);
  return { order, items };
}`,
    `async function f(id: string) {
  const { data: user } = await getUser(id);
  const teams = await listTeams(user);
}`,
    // A statement between them.
    `async function f(id: string) {
  const user = await getUser(id);
  if (!user) return null;
  const teams = await listTeams(id);
}`,
    // Unknown functions may be writes whose order matters.
    `async function f(id: string) {
  const a = await reserveSeat(id);
  const b = await chargeCard(id);
}`,
    `async function f(id: string) {
  const a = await getUser(id);
  const b = await sendWelcome(id);
}`,
    // Names that read and write, lock or take a resource.
    `async function f(id: string) {
  const a = await findOrCreateUser(id);
  const b = await getOrCreateTeam(id);
}`,
    `async function f() {
  const a = await getFreePort();
  const b = await getFreePort();
}`,
    `async function f(pool) {
  const a = await pool.getConnection();
  const b = await pool.getConnection();
}`,
    // Catalog calls that write, and fetch with a write method or options from elsewhere.
    `import axios from 'axios';
async function f() {
  const a = await axios.get('/a');
  const b = await axios.post('/b', {});
}`,
    `async function f(init: RequestInit) {
  const a = await fetch('/a', { method: 'POST' });
  const b = await fetch('/b', init);
}`,
    `import Redis from 'ioredis';
const redis = new Redis();
async function f() {
  const a = await redis.get('a');
  const b = await redis.incr('b');
}`,
    // Inside a transaction, on a session, or in a durable-execution context: one connection, in order.
    `async function f(id: string, transaction: Transaction) {
  const user = await User.findByPk(id, { transaction });
  const team = await Team.findByPk(id, { transaction });
}`,
    `async function f(tx: Tx) {
  const user = await tx.findUser();
  const team = await tx.findTeam();
}`,
    `async function f(ctx: ObjectContext) {
  const a = await ctx.get('a');
  const b = await ctx.get('b');
}`,
    // Results thrown away: not reads worth starting together.
    `async function f() {
  await loadPlugins();
  await loadThemes();
}`,
    // A single read.
    `async function f() { const a = await getA(); return a; }`,
    // Test files, unless asked.
    { code: `async function f() { const a = await getA(); const b = await getB(); }`, filename: 'src/a.test.ts' },
  ],
  invalid: [
    {
      code: `router.get('/customers/:id/summary', async (req, res) => {
  const customer = await customers.findCustomer(req.params.id);
  const recent = await orders.listOrders(req.params.id, 20);
  const balance = await getBalance(req.params.id);
  res.json({ customer, recent, balance });
});`,
      errors: [
        {
          messageId: 'sequential',
          line: 3,
          column: 18,
          suggestions: [
            {
              messageId: 'sequentialFixPromiseAll',
              output: `router.get('/customers/:id/summary', async (req, res) => {
  const [customer, recent, balance] = await Promise.all([
    customers.findCustomer(req.params.id),
    orders.listOrders(req.params.id, 20),
    getBalance(req.params.id),
  ]);
  res.json({ customer, recent, balance });
});`,
            },
          ],
        },
      ],
    },
    {
      // Catalog reads: axios.get, fetch without a write method, redis get.
      code: `import axios from 'axios';
async function f() {
  const { data } = await axios.get('/a', { timeout: 1000 });
  const res = await fetch('/b', { method: 'GET', signal: AbortSignal.timeout(1000) });
  return [data, res];
}`,
      errors: [
        {
          messageId: 'sequential',
          line: 4,
          column: 15,
          suggestions: [
            {
              messageId: 'sequentialFixPromiseAll',
              output: `import axios from 'axios';
async function f() {
  const [{ data }, res] = await Promise.all([
    axios.get('/a', { timeout: 1000 }),
    fetch('/b', { method: 'GET', signal: AbortSignal.timeout(1000) }),
  ]);
  return [data, res];
}`,
            },
          ],
        },
      ],
    },
    {
      // Type annotations become one tuple annotation; `let` stays `let`.
      code: `async function f() {
  let count: number = await countUsers();
  const page: User[] = await listUsers(0);
  return { count, page };
}`,
      errors: [
        {
          messageId: 'sequential',
          line: 3,
          column: 24,
          suggestions: [
            {
              messageId: 'sequentialFixPromiseAll',
              output: `async function f() {
  let [count, page]: [number, User[]] = await Promise.all([countUsers(), listUsers(0)]);
  return { count, page };
}`,
            },
          ],
        },
      ],
    },
    {
      // A dependent read ends one run and starts the next.
      code: `async function f(id) {
  const user = await getUser(id);
  const flags = await loadFlags();
  const teams = await listTeams(user.id);
  const plan = await readPlan(id);
}`,
      errors: [
        {
          messageId: 'sequential',
          line: 3,
          column: 17,
          suggestions: [
            {
              messageId: 'sequentialFixPromiseAll',
              output: `async function f(id) {
  const [user, flags] = await Promise.all([getUser(id), loadFlags()]);
  const teams = await listTeams(user.id);
  const plan = await readPlan(id);
}`,
            },
          ],
        },
        {
          messageId: 'sequential',
          line: 5,
          column: 16,
          suggestions: [
            {
              messageId: 'sequentialFixPromiseAll',
              output: `async function f(id) {
  const user = await getUser(id);
  const flags = await loadFlags();
  const [teams, plan] = await Promise.all([listTeams(user.id), readPlan(id)]);
}`,
            },
          ],
        },
      ],
    },
    {
      // A comment between the reads, or annotations on only some of them: reported without a fix.
      code: `async function f() {
  const a = await getA();
  // b is independent
  const b = await getB();
}`,
      errors: [{ messageId: 'sequential', line: 4, column: 13, suggestions: [] }],
    },
    {
      code: `async function f() {
  const a: A = await getA();
  const b = await getB();
}`,
      errors: [{ messageId: 'sequential', line: 3, column: 13, suggestions: [] }],
    },
  ],
};
