/**
 * The minio charm: MinIO as a Pebble service in the {@code minio} container with its data on
 * Juju storage, the root secret key generated once and kept in a Juju secret, optional TLS, the
 * S3 and console ports on the application's Service, object-storage (SDI v1) for every
 * consumer, a prometheus_scrape job, and actions that create and list buckets.
 */
package io.jcharm.charms.minio;
