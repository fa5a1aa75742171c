import { API_NODE_FLAGS, missingNodeFlags } from './node-flags';

describe('missingNodeFlags', () => {
  const all = Object.entries(API_NODE_FLAGS).map(([name, value]) => `${name}=${value}`);

  it('gives every flag to a plain `node main.js`', () => {
    expect(missingNodeFlags([])).toEqual(all);
  });

  it('keeps other node options and adds every flag beside them', () => {
    expect(missingNodeFlags(['--cpu-prof', '--enable-source-maps'], '--require ./x.js')).toEqual(all);
  });

  it('never overrides a flag the operator set, on the command line or in NODE_OPTIONS, in either spelling', () => {
    expect(missingNodeFlags(['--max-semi-space-size=32'])).toEqual(['--heap-growing-percent=50']);
    expect(missingNodeFlags([], ' --max_semi_space_size=1 --heap-growing-percent=80')).toEqual([]);
  });
});
