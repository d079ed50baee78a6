package io.jcharm.charms.kfp;

import io.fabric8.kubernetes.api.model.authentication.TokenRequest;
import io.fabric8.kubernetes.api.model.authentication.TokenRequestBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.jcharm.core.Component;
import io.jcharm.core.Container;
import io.jcharm.core.Inputs;
import io.jcharm.core.Model;
import io.jcharm.core.StatusException;
import io.jcharm.kubernetes.Kubernetes;
import io.jcharm.kubernetes.KubernetesConfigException;
import io.jcharm.pebble.PushOptions;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Keeps the service-account tokens the persistence agent and the scheduled-workflow controller
 * read at start (upstream projects them into the pod, audience {@value #AUDIENCE}; a sidecar
 * charm's pod cannot be given projected volumes, so the charm asks the TokenRequest API for the
 * application's service account and pushes them, mode 0600). A token is renewed when less than
 * {@value #RENEW_HOURS} hours of it are left.
 *
 * <pre>{@code
 * new TokensComponent(kube, persistence, scheduled);
 * }</pre>
 */
final class TokensComponent implements Component<Void> {
    static final String AUDIENCE = "pipelines.kubeflow.org";
    static final long LIFETIME_SECONDS = 48 * 3600;
    static final int RENEW_HOURS = 24;
    /** Unit state: when the pushed tokens expire (ISO-8601). */
    static final String EXPIRY = "sa-token-expiry";
    private final Kubernetes kube;
    private final Component<Container> persistence;
    private final Component<Container> scheduled;

    TokensComponent(Kubernetes kube, Component<Container> persistence, Component<Container> scheduled) {
        this.kube = kube;
        this.persistence = persistence;
        this.scheduled = scheduled;
    }

    @Override
    public String name() {
        return "sa-tokens";
    }

    @Override
    public List<Component<?>> dependsOn() {
        return List.of(persistence, scheduled);
    }

    @Override
    public Void reconcile(Model model, Inputs inputs) throws StatusException {
        Container pa = inputs.get(persistence);
        Container swf = inputs.get(scheduled);
        Optional<Instant> expiry = model.state().get(EXPIRY, String.class).map(Instant::parse);
        boolean fresh = expiry.isPresent() && expiry.get().isAfter(Instant.now().plusSeconds(RENEW_HOURS * 3600L));
        if (fresh && pa.exists(Workloads.PERSISTENCE_TOKEN) && swf.exists(Workloads.SCHEDULED_TOKEN)) {
            return null;
        }
        String app = model.app().name();
        TokenRequest answer;
        try {
            TokenRequest request = new TokenRequestBuilder().withNewMetadata().withName(app).endMetadata()
                    .withNewSpec().withAudiences(AUDIENCE)
                    .withExpirationSeconds(LIFETIME_SECONDS).endSpec().build();
            answer = kube.client().serviceAccounts().inNamespace(kube.namespace()).withName(app).tokenRequest(request);
        } catch (KubernetesConfigException e) {
            throw StatusException.blocked(e.getMessage());
        } catch (KubernetesClientException e) {
            if (e.getCode() == 401 || e.getCode() == 403) {
                throw StatusException.blocked("Kubernetes refused a token for service account " + app + " (HTTP "
                        + e.getCode() + "): juju trust " + app + " --scope=cluster");
            }
            if (e.getCode() >= 400 && e.getCode() < 500) {
                // Not something a retry mends: say what the API answered.
                throw StatusException.blocked("Kubernetes refused a token for service account " + app + " (HTTP "
                        + e.getCode() + ": " + (e.getStatus() == null ? e.getMessage() : e.getStatus().getMessage())
                        + "); the persistence agent and the scheduled-workflow controller need one");
            }
            throw e;
        }
        if (answer == null || answer.getStatus() == null || answer.getStatus().getToken() == null) {
            throw StatusException.waiting("waiting for a token for service account " + app + " (the TokenRequest API answered without one)");
        }
        byte[] token = answer.getStatus().getToken().getBytes(StandardCharsets.UTF_8);
        PushOptions mode = PushOptions.defaults().withMakeDirs().withPermissions(0600);
        pa.push(Workloads.PERSISTENCE_TOKEN, token, mode);
        swf.push(Workloads.SCHEDULED_TOKEN, token, mode);
        String expires = answer.getStatus().getExpirationTimestamp();
        model.state().set(EXPIRY, expires != null ? Instant.parse(expires).toString()
                : Instant.now().plusSeconds(LIFETIME_SECONDS).toString());
        model.log().info("pushed service-account tokens (audience " + AUDIENCE + ") for the persistence agent and"
                + " the scheduled-workflow controller");
        return null;
    }
}
