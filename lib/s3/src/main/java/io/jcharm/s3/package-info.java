/**
 * Buckets on S3-compatible object storage (MinIO, or any S3 server), through MinIO's Java SDK:
 * list, check and create, with failures sorted into unreachable, denied and other, and bucket
 * names checked against S3's naming rules before any request.
 */
package io.jcharm.s3;
