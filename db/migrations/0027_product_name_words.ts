import type { MigrationSource } from '../migrator'

/**
 * The words of each product's name (lower case, letters and digits), with a GIN index: the
 * fuzzy search matches a search word's typos against the catalog's vocabulary in memory and
 * then finds the names holding those words through this index (electron/backend/data/
 * name-words.ts). Generated, so it never travels and every replica computes its own.
 */
export default {
  name: '0027_product_name_words',
  target: 'both',
  sql: /* sql */ `
ALTER TABLE products ADD COLUMN name_words TEXT[]
  GENERATED ALWAYS AS (array_remove(regexp_split_to_array(lower(name), '[^[:alnum:]]+'), '')) STORED;
CREATE INDEX idx_products_name_words ON products USING gin (name_words);
SELECT sync_scope_refresh();
`,
} satisfies MigrationSource
