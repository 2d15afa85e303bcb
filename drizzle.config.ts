import { defineConfig } from 'drizzle-kit';

/** drizzle-kit reads this to generate SQL migrations from the schema; the app applies them itself. */
export default defineConfig({
  dialect: 'postgresql',
  schema: './src/storage/schema/index.ts',
  out: './migrations',
  casing: 'snake_case',
});
