/* eslint-disable @typescript-eslint/no-require-imports -- a CommonJS preload, by nature */
// Electronegativity offline: its translation fetch and release-data check use `got`; with no
// network here they are answered at once with an error (the tool then uses its bundled texts and
// skips the release-data check).
const Module = require('module');
const load = Module._load;
Module._load = function (request, ...rest) {
  if (request === 'got') {
    const fail = () => Promise.reject(new Error('offline'));
    fail.head = fail;
    fail.get = fail;
    fail.default = fail;
    return fail;
  }
  return load.call(this, request, ...rest);
};
