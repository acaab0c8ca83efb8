import { test } from 'node:test';
import assert from 'node:assert/strict';
import { routeTicket, routeTokens } from './route.js';

test('each department by its lexicon, inflections included; no match is general', () => {
  assert.equal(routeTicket('I was charged twice for my subscription'), 'billing');
  assert.equal(routeTicket('The app crashes every time I open the checkout page'), 'technical');
  assert.equal(routeTicket('I forgot my password and cannot log in'), 'account');
  assert.equal(routeTicket('My parcel has not arrived and the tracking number shows nothing'), 'shipping');
  assert.equal(routeTicket('Hello, how are you?'), 'general');
});

test('most matches win, ties go to the earlier department, and a typo or an unlisted synonym flips the route', () => {
  assert.equal(routeTicket('refund for the delivery'), 'billing', 'one each: billing comes first');
  assert.equal(routeTicket('My package was lost and the courier never called'), 'shipping');
  assert.equal(routeTicket('I was chargd twice for my subscriptoin'), 'general', 'typos drop both matches');
  assert.equal(routeTicket('I was billed twice for my order'), 'billing');
  assert.equal(routeTicket('I was invoiced twice for my order'), 'billing');
  assert.equal(
    routeTicket('I got debited twice for my order, the page shows an error'),
    'technical',
    'debited is not debit for Porter; page + error outvote',
  );
});

test('route logprobs: one token, softmax over the match counts with general at 0.5 (T = 1)', () => {
  // billing: charged, refund, payment = 3 matches; the other departments 0; general 0.5.
  const [token, ...rest] = routeTokens('I was charged twice, please refund the payment');
  assert.equal(rest.length, 0);
  assert.equal(token!.token, 'billing');
  const z = Math.exp(3) + Math.exp(0.5) + 3;
  assert.ok(Math.abs(token!.logprob - Math.log(Math.exp(3) / z)) < 1e-12);
  assert.deepEqual(
    token!.top.map((t) => t.token),
    ['billing', 'general', 'technical', 'account', 'shipping'],
  );
  assert.ok(Math.abs(token!.top[1]!.logprob - Math.log(Math.exp(0.5) / z)) < 1e-12);
  // No match: general, e^0.5 / (e^0.5 + 4).
  const [general] = routeTokens('Hello, how are you?');
  assert.equal(general!.token, 'general');
  assert.ok(Math.abs(general!.logprob - Math.log(Math.exp(0.5) / (Math.exp(0.5) + 4))) < 1e-12);
});
