import noClientPerCall from './no-client-per-call';
import noNPlusOne from './no-n-plus-one';
import noCacheStampede from './no-cache-stampede';
import noUnboundedConcurrency from './no-unbounded-concurrency';
import preferPromiseAll from './prefer-promise-all';
import noLeakedListener from './no-leaked-listener';
import noLeakedTimer from './no-leaked-timer';
import requireTimeout from './require-timeout';
import noShiftQueue from './no-shift-queue';
import noQuadraticProximity from './no-quadratic-proximity';
import stableObjectShape from './stable-object-shape';
import noAllocInHotLoop from './no-alloc-in-hot-loop';
import noAccumulatingSpread from './no-accumulating-spread';
import preferPreallocation from './prefer-preallocation';

/** Every rule of the plugin, by name. Presets and docs are derived from each rule's `meta.docs`. */
export const rules = {
  'require-timeout': requireTimeout,
  'no-leaked-timer': noLeakedTimer,
  'no-leaked-listener': noLeakedListener,
  'no-shift-queue': noShiftQueue,
  'no-quadratic-proximity': noQuadraticProximity,
  'stable-object-shape': stableObjectShape,
  'no-alloc-in-hot-loop': noAllocInHotLoop,
  'no-accumulating-spread': noAccumulatingSpread,
  'prefer-preallocation': preferPreallocation,
  'no-cache-stampede': noCacheStampede,
  'no-unbounded-concurrency': noUnboundedConcurrency,
  'prefer-promise-all': preferPromiseAll,
  'no-n-plus-one': noNPlusOne,
  'no-client-per-call': noClientPerCall,
};

export type RuleName = keyof typeof rules;
