'use strict';

const test = require('node:test');
const assert = require('node:assert/strict');
const api = require('../src/index.js');

test('the public API is an object', () => {
  assert.equal(typeof api, 'object');
});
