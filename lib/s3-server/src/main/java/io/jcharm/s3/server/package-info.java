/**
 * A real S3 server (S3Proxy over jclouds), in memory for tests or on disk for the local model's
 * MinIO stand-in; never part of a charm.
 */
package io.jcharm.s3.server;
