package io.jcharm.charms.minio;

import io.jcharm.core.Component;
import io.jcharm.core.Model;
import io.jcharm.core.Secret;
import io.jcharm.core.StatusException;
import java.security.SecureRandom;
import io.jcharm.core.Inputs;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The root secret key: the {@code secret-key} option when set; otherwise one the leader
 * generates once (30 characters of A-Z and 0-9, as Charmed Kubeflow's charm makes them) and
 * keeps in the application-owned Juju secret labelled {@value #LABEL}, so every unit, every new
 * pod and every upgraded charm uses the same key. Non-leaders wait until it exists.
 *
 * <pre>{@code
 * Component<String> key = new SecretKeyComponent(config);  // dependants receive the key
 * }</pre>
 */
final class SecretKeyComponent implements Component<String> {
    static final String LABEL = "minio-secret-key";
    static final String KEY = "secret-key";
    static final int GENERATED_LENGTH = 30;
    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    private final Component<MinioConfig> config;

    SecretKeyComponent(Component<MinioConfig> config) {
        this.config = config;
    }

    @Override
    public String name() {
        return "secret-key";
    }

    @Override
    public List<Component<?>> dependsOn() {
        return List.of(config);
    }

    @Override
    public String reconcile(Model model, Inputs inputs) throws StatusException {
        return resolve(model, inputs.get(config));
    }

    /** The key for {@code cfg}: configured, kept, or (leader) generated and kept now. */
    static String resolve(Model model, MinioConfig cfg) throws StatusException {
        String configured = cfg.secretKey();
        if (!configured.isEmpty()) {
            return configured;
        }
        Optional<Secret> kept = model.secrets().byLabel(LABEL);
        if (kept.isPresent()) {
            String stored = kept.get().peek().get(KEY);
            if (stored != null && stored.length() >= MinioConfig.MIN_SECRET_KEY) {
                return stored;
            }
            if (!model.isLeader()) {
                throw StatusException.waiting("the " + LABEL + " secret has no usable " + KEY
                        + "; waiting for the leader to replace it");
            }
            String value = generate();
            kept.get().setContent(Map.of(KEY, value));
            model.log().warning("the " + LABEL + " secret had no usable " + KEY + "; generated a new one as its next revision");
            return value;
        }
        if (!model.isLeader()) {
            throw StatusException.waiting("waiting for the leader to generate the secret key");
        }
        String value = generate();
        Secret created = model.secrets().addForApp(Map.of(KEY, value), LABEL);
        model.log().info("generated the root secret key; kept in Juju secret " + created.id() + " (label " + LABEL + ")");
        return value;
    }

    private static String generate() {
        SecureRandom random = new SecureRandom();
        StringBuilder sb = new StringBuilder(GENERATED_LENGTH);
        for (int i = 0; i < GENERATED_LENGTH; i++) {
            sb.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return sb.toString();
    }
}
