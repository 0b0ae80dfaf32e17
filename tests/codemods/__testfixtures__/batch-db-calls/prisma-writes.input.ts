import { PrismaClient } from '@prisma/client';

const prisma = new PrismaClient();

export async function importTags(names: string[]) {
  for (const name of names) {
    await prisma.tag.create({ data: { name } });
  }
}

export async function publish(ids: string[]) {
  await Promise.all(ids.map((id) => prisma.post.update({ where: { id }, data: { published: true } })));
}

// An unrecognised shape: the loop does more than one thing per item. Reported, left alone.
export async function rename(ids: string[], prefix: string) {
  for (const id of ids) {
    const post = await prisma.post.findFirst({ where: { id } });
    if (post) console.log(prefix, post.title);
  }
}
