/** Test fixtures shipped in jcharm-s3's test-jar: a real S3 server on loopback. */
package io.jcharm.s3.testing;
