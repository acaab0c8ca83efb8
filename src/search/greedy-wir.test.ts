import { runSearchContract } from '../testing/search-contract.js';
import { greedyWir } from './greedy-wir.js';
import { rankings } from './word-importance.js';

for (const ranking of rankings) runSearchContract(`greedy-wir (${ranking})`, () => greedyWir({ ranking }));
