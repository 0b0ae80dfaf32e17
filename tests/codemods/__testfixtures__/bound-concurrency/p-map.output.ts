import pMap from 'p-map';
import axios from 'axios';

export const fetchAll = (ids: string[]) => pMap(ids, (id) => axios.get(`/u/${id}`, { timeout: 2000 }), { concurrency: 10 });

export const fetchSome = (ids: string[]) => pMap(ids, (id) => axios.get(`/u/${id}`, { timeout: 2000 }), { concurrency: 4 });
