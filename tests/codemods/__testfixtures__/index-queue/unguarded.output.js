'use strict';

// Runs every job, and the jobs each job schedules, in the order they were scheduled.
async function runAll(initial, run) {
  const pending = [...initial];
  let pendingHead = 0;
  let job;
  let done = 0;
  while ((job = (pendingHead < pending.length ? pending[pendingHead++] : undefined)) !== undefined) {
    const more = await run(job);
    more.forEach((next) => pending.push(next));
    done++;
  }
  console.log(`ran ${done} jobs, ${pending.length - pendingHead} left`);
  return done;
}

module.exports = { runAll };
