/**
 * The mlflow-server charm: {@code mlflow server} as a Pebble service, its backend store (sqlite
 * on Juju storage, or MySQL over mysql_client) and artifact store (an S3 bucket over
 * object-storage, or MLflow's artifact proxy on Juju storage) chosen from the relations, a
 * guarded switch between backends, the schema upgrade on a new image, the application's Service,
 * and Charmed MLflow's relations plus our own tracking endpoint.
 */
package io.jcharm.charms.mlflow;
