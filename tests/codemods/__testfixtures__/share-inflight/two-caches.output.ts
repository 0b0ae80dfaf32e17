import { LRUCache } from 'lru-cache';

const pages = new LRUCache<string, string>({ max: 500 });
const renderLoads = new Map<unknown, Promise<unknown>>();
const avatars = new Map<string, Buffer>();
const avatarLoads = new Map<unknown, Promise<unknown>>();

export const render = async (slug: string) => {
  if (pages.has(slug)) return pages.get(slug)!;
  const html = await shareInflight(renderLoads, slug, () => renderPage(slug));
  pages.set(slug, html);
  return html;
};

export async function avatar(userId: string) {
  const hit = avatars.get(userId);
  if (hit) return hit;
  const image = await shareInflight(avatarLoads, userId, () => downloadAvatar(userId));
  avatars.set(userId, image);
  return image;
}

/**
 * Callers that miss the cache for the same key while a load is in flight share that load instead of
 * starting their own. The key is forgotten once the load settles: the cache answers from then on,
 * and after a rejection (which every waiting caller receives) the next caller loads again.
 */
function shareInflight<T>(loads: Map<unknown, Promise<unknown>>, key: unknown, load: () => T | PromiseLike<T>): Promise<T> {
  let pending = loads.get(key) as Promise<T> | undefined;
  if (!pending) {
    pending = Promise.resolve(load()) as Promise<T>;
    loads.set(key, pending);
    const forget = () => loads.delete(key);
    pending.then(forget, forget);
  }
  return pending;
}
