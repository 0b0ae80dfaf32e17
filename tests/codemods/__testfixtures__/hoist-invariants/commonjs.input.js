'use strict';
const { readFileSync } = require('node:fs');

function decodeAll(paths) {
  const out = [];
  for (const path of paths) {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(readFileSync(path));
    out.push(text);
  }
  return out;
}

function stamp(events) {
  return events.map((event) => ({
    ...event,
    at: new Intl.DateTimeFormat('en-GB', { dateStyle: 'short', timeStyle: 'short' }).format(event.at),
  }));
}

module.exports = { decodeAll, stamp };
