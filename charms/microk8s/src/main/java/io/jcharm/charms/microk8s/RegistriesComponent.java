package io.jcharm.charms.microk8s;

import io.jcharm.core.Component;
import io.jcharm.core.Inputs;
import io.jcharm.core.Model;
import io.jcharm.core.StatusException;
import io.jcharm.core.tools.SecretNotFoundException;
import io.jcharm.core.tools.SecretPermissionDeniedException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * containerd's registry hosts ({@code certs.d/<host>/hosts.toml}) from custom-registries, and
 * the credentials from the registry-credentials secret in a marked block of containerd's config
 * template; hosts no longer listed are removed. containerd reads hosts.toml on each pull, but
 * its config only at start, so it restarts when the credentials block changes.
 *
 * <pre>{@code
 * juju config microk8s custom-registries='[{"url": "http://10.0.0.5:5000", "host": "docker.io"}]'
 * }</pre>
 */
final class RegistriesComponent implements Component<Void> {
    /** Hosts this unit wrote hosts.toml for (a list of strings). */
    static final String STATE_KEY = "registries";

    private final MicroK8sClient client;
    private final MachineFiles files;
    private final Component<MicroK8sConfig> config;
    private final Component<?> snap;

    RegistriesComponent(MicroK8sClient client, MachineFiles files, Component<MicroK8sConfig> config, Component<?> snap) {
        this.client = client;
        this.config = config;
        this.snap = snap;
        this.files = files;
    }

    @Override
    public String name() {
        return "registries";
    }

    @Override
    public List<Component<?>> dependsOn() {
        return List.of(config, snap);
    }

    @Override
    public Void reconcile(Model model, Inputs inputs) throws StatusException {
        apply(model, inputs.get(config));
        return null;
    }

    private void apply(Model model, MicroK8sConfig cfg) throws StatusException {
        List<Registry> registries = cfg.registries();
        Optional<Registry.Credentials> creds = Optional.empty();
        if (registries.stream().anyMatch(Registry::useCredentials) && cfg.registryCredentials().isPresent()) {
            creds = Optional.of(credentials(model, cfg.registryCredentials().get()));
        }
        List<String> written = new ArrayList<>();
        List<String> auth = new ArrayList<>();
        for (Registry r : registries) {
            if (r.useCredentials() && creds.isPresent()) {
                auth.addAll(r.criAuth(creds.get()));
            }
            if (files.write(hostsToml(r.host()), r.hostsToml(), "rw-r--r--")) {
                model.log().info("wrote containerd hosts.toml for " + r.host() + " (" + r.url() + ")");
            }
            written.add(r.host());
        }
        if (!auth.isEmpty() && files.read(MachineFiles.CONTAINERD_TEMPLATE).isEmpty()) {
            throw StatusException.waiting(MachineFiles.CONTAINERD_TEMPLATE + " is missing, so registry credentials"
                    + " have nowhere to go; check the microk8s snap installed fully (snap list microk8s)");
        }
        // 0600: the block holds the password. containerd reads its config only when it starts.
        if (files.setBlock(MachineFiles.CONTAINERD_TEMPLATE, "registry-credentials", auth, "rw-------")) {
            model.log().info("registry credentials changed: restarting containerd");
            client.restart("microk8s.daemon-containerd");
        }
        List<String> before = model.state().get(STATE_KEY, String[].class).map(Arrays::asList).orElse(List.of());
        for (String host : before) {
            if (!written.contains(host) && files.delete(hostsToml(host))) {
                model.log().info("removed containerd hosts.toml for " + host + ": no longer in custom-registries");
            }
        }
        if (!before.equals(written)) {
            model.state().set(STATE_KEY, written);
        }
    }

    private static String hostsToml(String host) {
        return MachineFiles.CERTS_D + "/" + host + "/hosts.toml";
    }

    private static Registry.Credentials credentials(Model model, String id) throws StatusException {
        Map<String, String> content;
        try {
            // refresh: a secret-changed hook must pick up the new revision.
            content = model.secrets().byId(id).refresh();
        } catch (SecretNotFoundException | SecretPermissionDeniedException e) {
            throw StatusException.blocked("registry-credentials secret " + id + " not found or not granted: juju"
                    + " grant-secret " + id + " " + model.app().name());
        }
        List<String> missing = new ArrayList<>();
        for (String key : List.of("username", "password")) {
            if (content.getOrDefault(key, "").isEmpty()) {
                missing.add(key);
            }
        }
        if (!missing.isEmpty()) {
            throw StatusException.blocked("registry-credentials secret " + id + " has no " + String.join(" or ", missing)
                    + ": juju update-secret " + id + " username=<user> password=<password>");
        }
        return new Registry.Credentials(content.get("username"), content.get("password"));
    }
}
