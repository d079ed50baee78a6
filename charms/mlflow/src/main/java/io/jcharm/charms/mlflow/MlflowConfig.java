package io.jcharm.charms.mlflow;

import io.jcharm.core.InvalidConfigException;
import io.jcharm.core.OptionName;
import io.jcharm.core.Range;
import io.jcharm.s3.BucketName;

/**
 * The mlflow-server charm's config, with Charmed MLflow's option names (snake case).
 *
 * <pre>{@code
 * MlflowConfig cfg = model.config(MlflowConfig.class);  // Blocked "[config] invalid config default_artifact_root: ..." when wrong
 * }</pre>
 */
public record MlflowConfig(
        @OptionName("create_default_artifact_root_if_missing") boolean createDefaultArtifactRootIfMissing,
        @OptionName("default_artifact_root") String defaultArtifactRoot,
        @OptionName("mlflow_port") @Range(min = 1, max = 65535) int mlflowPort,
        @OptionName("mlflow_nodeport") @Range(min = 30000, max = 32767) int mlflowNodeport,
        @OptionName("mlflow_prometheus_exporter_port") @Range(min = 1, max = 65535) int mlflowPrometheusExporterPort,
        @OptionName("mlflow_prometheus_exporter_nodeport") @Range(min = 30000, max = 32767) int mlflowPrometheusExporterNodeport,
        @OptionName("enable_mlflow_nodeport") boolean enableMlflowNodeport) {

    public MlflowConfig {
        String bucket = defaultArtifactRoot;
        BucketName.problem(bucket).ifPresent(p -> {
            throw new InvalidConfigException("default_artifact_root", "'" + bucket + "' is not a valid S3 bucket name: it " + p);
        });
    }
}
