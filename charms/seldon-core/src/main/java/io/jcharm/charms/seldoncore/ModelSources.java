package io.jcharm.charms.seldoncore;

import io.jcharm.core.ActionContext;
import io.jcharm.core.Model;
import io.jcharm.core.Relation;
import io.jcharm.core.StatusException;
import io.jcharm.core.tools.SecretNotFoundException;
import io.jcharm.core.tools.SecretPermissionDeniedException;
import io.jcharm.relations.TrackingEndpoint;
import java.util.Map;
import java.util.Optional;

/**
 * Gathers what {@link ModelSource} decides from: the Juju secret named by serve-model's
 * {@code secret}, the mlflow relation (a {@code models:/} URI is looked up in its registry, and
 * its S3 credentials serve {@code s3://} models), and whether the manager has a default Secret
 * (option {@value ModelSource#DEFAULT_SECRET_OPTION}).
 *
 * <pre>{@code
 * ModelSource s = new ModelSources(model).of(request, action);
 * }</pre>
 */
final class ModelSources {
    static final String MLFLOW = "mlflow";
    private final Model model;

    ModelSources(Model model) {
        this.model = model;
    }

    /**
     * Where the requested model is and the variables that fetch it.
     *
     * @throws IllegalArgumentException saying why it cannot be served and what to do
     * @throws StatusException when the mlflow relation's data is malformed
     */
    ModelSource of(ServeRequest req, ActionContext action) throws StatusException {
        Optional<Map<String, String>> secret = req.secret().map(this::secretContent);
        Optional<Relation> relation = model.relation(MLFLOW);
        Optional<TrackingEndpoint> tracking = relation.isPresent() ? TrackingEndpoint.read(model, relation.get())
                : Optional.empty();
        String asked = req.modelUri();
        String uri = asked;
        if (MlflowRegistry.names(asked)) {
            if (relation.isEmpty()) {
                throw new IllegalArgumentException("model-uri \"" + asked + "\" names a model in an MLflow registry:"
                        + " relate seldon-core to MLflow first (juju integrate seldon-core:mlflow mlflow-server:tracking)");
            }
            TrackingEndpoint t = tracking.orElseThrow(() -> new IllegalArgumentException("model-uri \"" + asked
                    + "\" names a model in MLflow's registry, and " + relation.get().remoteAppName().orElse("MLflow")
                    + " has not written its tracking URI on the mlflow relation yet; run the action again later"));
            String location = new MlflowRegistry(t.trackingUri()).artifactUri(asked);
            if (location.startsWith("mlflow-artifacts:")) {
                throw new IllegalArgumentException("model-uri \"" + asked + "\" is stored at " + location + ", on MLflow's"
                        + " own storage behind its artifact proxy, which Seldon's storage initializer cannot fetch;"
                        + " relate mlflow-server to object storage (minio) so that new models go to S3");
            }
            action.log("MLflow keeps " + asked + " at " + location);
            uri = location;
        }
        boolean defaultSecret = !String.valueOf(model.rawConfig().getOrDefault(ModelSource.DEFAULT_SECRET_OPTION, ""))
                .isBlank();
        return ModelSource.of(uri, secret, tracking, defaultSecret);
    }

    private Map<String, String> secretContent(String id) {
        Map<String, String> content;
        try {
            content = model.secrets().byId(id.trim()).refresh();
        } catch (SecretNotFoundException | SecretPermissionDeniedException e) {
            throw new IllegalArgumentException("secret " + id + " is not readable by " + model.app().name() + ": create"
                    + " it with juju add-secret and run juju grant-secret <name> " + model.app().name(), e);
        }
        ModelSource.checkSecret(id, content);
        return content;
    }
}
