'use strict';
const { readFileSync } = require('node:fs');

const textDecoder = new TextDecoder('utf-8', { fatal: true });

function decodeAll(paths) {
  const out = [];
  for (const path of paths) {
    const text = textDecoder.decode(readFileSync(path));
    out.push(text);
  }
  return out;
}

const dateTimeFormat = new Intl.DateTimeFormat('en-GB', { dateStyle: 'short', timeStyle: 'short' });

function stamp(events) {
  return events.map((event) => ({
    ...event,
    at: dateTimeFormat.format(event.at),
  }));
}

module.exports = { decodeAll, stamp };
