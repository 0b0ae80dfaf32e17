import pLimit from 'p-limit';

const limit = pLimit(8);

export const fetchAll = (urls: string[]) => Promise.all(urls.map((url) => limit(() => fetch(url))));

export async function inChunks(ids: string[]) {
  for (let i = 0; i < ids.length; i += 20) {
    await Promise.all(ids.slice(i, i + 20).map((id) => fetch(`/users/${id}`)));
  }
}
