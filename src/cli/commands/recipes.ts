/** @module Definition of `quiver recipes`: one line per published attack recipe (`quiver run --recipe NAME`). */
import type { Command } from 'commander';
import { on } from '../../options/parsers.js';
import { defineOptions } from '../../options/table.js';
import { addTableOptions } from '../commander-options.js';

const recipesOptionTable = defineOptions({
  json: { type: on, description: 'print the recipes (with citations and deviations) as JSON' },
});

export function registerRecipes(program: Command): void {
  const cmd = program
    .command('recipes')
    .description('list the published attack recipes usable with quiver run --recipe NAME');
  const given = addTableOptions(cmd, recipesOptionTable);
  cmd.action(async () => {
    const { loadAllRecipes } = await import('../../recipes/index.js');
    const recipes = loadAllRecipes();
    if (given().json) {
      process.stdout.write(`${JSON.stringify(recipes, null, 2)}\n`);
      return;
    }
    const width = Math.max(...recipes.map((r) => r.name.length));
    for (const r of recipes) process.stdout.write(`${r.name.padEnd(width)}  ${r.description}\n`);
  });
}
