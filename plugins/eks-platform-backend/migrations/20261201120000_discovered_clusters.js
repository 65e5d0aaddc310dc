// @ts-check

/**
 * EKS clusters found by discovery (`eksPlatform.discovery`: ListClusters and
 * DescribeCluster per configured account and region), shared by every backend
 * replica. One row per cluster, keyed by its registry name (the EKS cluster
 * name); the CA data is the cluster's public CA certificate, served by EKS
 * to anyone allowed to describe the cluster, and stays in the backend.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('eks_platform_discovered_clusters', table => {
    table.comment('EKS clusters found by ListClusters + DescribeCluster');
    table.string('name', 255).primary().notNullable();
    table.string('account_id', 12).notNullable();
    table.string('region', 32).notNullable();
    table.string('eks_name', 100).notNullable();
    table.text('endpoint').notNullable();
    table.text('ca_data').nullable();
    table.string('discovered_at', 32).notNullable();
    table.index(['account_id', 'region'], 'eks_platform_discovered_scope');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('eks_platform_discovered_clusters');
};
