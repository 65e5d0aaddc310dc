// @ts-check

/**
 * Snapshots, history and collection attempts of the eks-platform collector.
 * Times are ISO-8601 UTC strings (`2026-11-20T08:00:00.000Z`), which sort and
 * compare the same on SQLite and PostgreSQL.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('eks_platform_snapshots', table => {
    table.comment('The latest good snapshot of each cluster');
    table.string('cluster', 255).primary().notNullable();
    table.string('collected_at', 32).notNullable();
    table.text('snapshot', 'longtext').notNullable();
  });
  await knex.schema.createTable('eks_platform_history', table => {
    table.comment('Time series per cluster, metric and key (subnet id, ...)');
    table.bigIncrements('id').primary();
    table.string('cluster', 255).notNullable();
    table.string('at', 32).notNullable();
    table.string('metric', 64).notNullable();
    table.string('series_key', 255).notNullable();
    table.double('value').notNullable();
    table.index(['cluster', 'metric', 'at'], 'eks_platform_history_lookup');
    table.index(['at'], 'eks_platform_history_at');
  });
  await knex.schema.createTable('eks_platform_attempts', table => {
    table.comment('The latest collection attempt of each cluster');
    table.string('cluster', 255).primary().notNullable();
    table.string('attempted_at', 32).notNullable();
    table.string('succeeded_at', 32).nullable();
    table.text('error').nullable();
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('eks_platform_attempts');
  await knex.schema.dropTable('eks_platform_history');
  await knex.schema.dropTable('eks_platform_snapshots');
};
