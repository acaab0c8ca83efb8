import { test } from 'node:test';
import assert from 'node:assert/strict';
import { routeTicket } from './route.js';

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
