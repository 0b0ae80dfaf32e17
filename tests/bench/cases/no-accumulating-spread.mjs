/**
 * no-accumulating-spread: copying the accumulator on every step is O(n²). Each case builds the same
 * result of n = 1,000 items by spreading the accumulator (before) and by mutating it (after), both in
 * one tinybench run (lib/micro.mjs).
 */
import { compareMicro } from '../lib/micro.mjs';

const N = 1_000;
const rows = Array.from({ length: N }, (_, i) => ({ id: `order-${i}`, total: i * 3 }));

export default {
  rule: 'no-accumulating-spread',
  cases: [
    {
      name: `reduce with object spread vs mutation, n = ${N}`,
      unit: 'µs/op',
      async run() {
        return compareMicro({
          before: () => rows.reduce((byId, row) => ({ ...byId, [row.id]: row.total }), {}),
          after: () =>
            rows.reduce((byId, row) => {
              byId[row.id] = row.total;
              return byId;
            }, {}),
          time: 2_000,
        });
      },
    },
    {
      name: `array spread vs push in a loop, n = ${N}`,
      unit: 'µs/op',
      async run() {
        return compareMicro({
          before: () => {
            let ids = [];
            for (const row of rows) ids = [...ids, row.id];
            return ids;
          },
          after: () => {
            const ids = [];
            for (const row of rows) ids.push(row.id);
            return ids;
          },
        });
      },
    },
    {
      name: `reduce with concat vs push, n = ${N}`,
      unit: 'µs/op',
      async run() {
        return compareMicro({
          before: () => rows.reduce((ids, row) => ids.concat(row.id), []),
          after: () =>
            rows.reduce((ids, row) => {
              ids.push(row.id);
              return ids;
            }, []),
        });
      },
    },
    {
      name: 'not flagged: reduce with object spread vs mutation over a literal of 8 items',
      unit: 'µs/op',
      async run() {
        const few = rows.slice(0, 8);
        return compareMicro({
          before: () => few.reduce((byId, row) => ({ ...byId, [row.id]: row.total }), {}),
          after: () =>
            few.reduce((byId, row) => {
              byId[row.id] = row.total;
              return byId;
            }, {}),
        });
      },
    },
  ],
};
