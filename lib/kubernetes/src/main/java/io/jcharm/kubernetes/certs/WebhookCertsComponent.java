package io.jcharm.kubernetes.certs;

import io.jcharm.core.Component;
import io.jcharm.core.Inputs;
import io.jcharm.core.Model;
import io.jcharm.core.Secret;
import io.jcharm.core.StatusException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Optional;

/**
 * Makes sure the webhook certificates exist, once per application: the leader issues them the
 * first time and keeps them in an application-owned Juju secret; every unit (and every new pod
 * or upgraded charm) reads the same ones from it. Non-leaders wait until it exists.
 *
 * <pre>{@code
 * // dependants receive the CA, certificate and key for Service seldon-webhook-service
 * Component<WebhookCerts> certs = new WebhookCertsComponent("seldon-webhook-ca", "seldon-webhook-service");
 * }</pre>
 */
public final class WebhookCertsComponent implements Component<WebhookCerts> {
    private final String caName;
    private final String service;

    /** Certificates from a CA named {@code caName} for the webhook behind Service {@code service}. */
    public WebhookCertsComponent(String caName, String service) {
        this.caName = caName;
        this.service = service;
    }

    @Override
    public String name() {
        return "certs";
    }

    @Override
    public WebhookCerts reconcile(Model model, Inputs inputs) throws StatusException {
        Optional<Secret> secret = model.secrets().byLabel(WebhookCerts.LABEL);
        if (secret.isPresent()) {
            try {
                // peek: the latest revision, whatever revision this unit tracked before.
                return WebhookCerts.fromSecretContent(secret.get().peek());
            } catch (IllegalArgumentException e) {
                if (!model.isLeader()) {
                    throw StatusException.waiting(e.getMessage() + "; waiting for the leader to replace it");
                }
                WebhookCerts certs = issue(model);
                secret.get().setContent(certs.toSecretContent());
                model.log().warning(e.getMessage() + ": issued new webhook certificates as its next revision");
                return certs;
            }
        }
        if (!model.isLeader()) {
            throw StatusException.waiting("waiting for the leader to create the webhook certificates");
        }
        WebhookCerts certs = issue(model);
        Secret created = model.secrets().addForApp(certs.toSecretContent(), WebhookCerts.LABEL);
        model.log().info("issued the webhook CA and serving certificate; kept in Juju secret " + created.id()
                + " (label " + WebhookCerts.LABEL + ")");
        return certs;
    }

    private WebhookCerts issue(Model model) {
        // The model's namespace: a Juju Kubernetes model is a namespace of the same name.
        return WebhookCertIssuer.issue(caName, service, model.name(), Instant.now(), new SecureRandom());
    }
}
