/** @module Definition of `quiver recipes`: one line per published attack recipe (`quiver run --recipe NAME`). */
import type { Command } from 'commander';

export function registerRecipes(program: Command): void {
  program
    .command('recipes')
    .description('list the published attack recipes usable with quiver run --recipe NAME')
    .option('--json', 'print the recipes (with citations and deviations) as JSON')
    .action(async (flags: { json?: boolean }) => {
      const { loadAllRecipes } = await import('../../recipes/index.js');
      const recipes = loadAllRecipes();
      if (flags.json) {
        process.stdout.write(JSON.stringify(recipes, null, 2) + '\n');
        return;
      }
      const width = Math.max(...recipes.map((r) => r.name.length));
      for (const r of recipes) process.stdout.write(`${r.name.padEnd(width)}  ${r.description}\n`);
    });
}
