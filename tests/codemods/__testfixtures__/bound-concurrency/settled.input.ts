import { readFile } from 'node:fs/promises';

export async function loadAll(paths: string[]) {
  const results = await Promise.allSettled(paths.map((p) => readFile(p, 'utf8')));
  return results.filter((r) => r.status === 'fulfilled');
}

export async function sendAll(users: User[]) {
  await Promise.all(
    users.map(async (user) => {
      const html = await render(user);
      await mailer.send(user.email, html);
    }),
  );
}
