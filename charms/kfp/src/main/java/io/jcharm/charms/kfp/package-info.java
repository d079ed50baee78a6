/**
 * The kfp charm: Kubeflow Pipelines v2 in single-user mode on Argo, in one charm and any model.
 * Seven Pebble-managed workloads (API server, persistence agent, scheduled-workflow controller,
 * UI, ML Metadata, Envoy, Argo's workflow controller), the CRDs and namespace objects they need,
 * MySQL over mysql_client, artifacts in an S3 bucket over object-storage, Charmed Kubeflow's
 * kfp-api relations, and actions that call the API server.
 */
package io.jcharm.charms.kfp;
