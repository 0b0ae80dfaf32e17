import { LRUCache } from 'lru-cache';

const pages = new LRUCache<string, string>({ max: 500 });
const avatars = new Map<string, Buffer>();

export const render = async (slug: string) => {
  if (pages.has(slug)) return pages.get(slug)!;
  const html = await renderPage(slug);
  pages.set(slug, html);
  return html;
};

export async function avatar(userId: string) {
  const hit = avatars.get(userId);
  if (hit) return hit;
  const image = await downloadAvatar(userId);
  avatars.set(userId, image);
  return image;
}
