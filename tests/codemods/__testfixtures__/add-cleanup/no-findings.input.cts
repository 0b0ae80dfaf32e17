// Module scope, start-up code, cleared handles and removed listeners: nothing to do.
const { EventEmitter } = require('node:events');
const bus = new EventEmitter();

setInterval(() => bus.emit('tick'), 1000).unref();
process.on('SIGTERM', () => process.exit(0));

function startServer() {
  process.on('uncaughtException', (err) => console.error(err));
}

function waitFor(check) {
  return new Promise((resolve) => {
    const timer = setInterval(() => {
      if (check()) {
        clearInterval(timer);
        resolve();
      }
    }, 10);
  });
}

function follow(onTick) {
  bus.on('tick', onTick);
  return () => bus.off('tick', onTick);
}

module.exports = { startServer, waitFor, follow };
