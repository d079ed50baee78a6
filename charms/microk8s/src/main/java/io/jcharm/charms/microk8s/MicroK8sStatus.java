package io.jcharm.charms.microk8s;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * What {@code microk8s status --format yaml} reports: whether it runs and every addon the
 * installed channel has, enabled or not.
 *
 * <pre>{@code
 * MicroK8sStatus s = MicroK8sStatus.parse(yamlText);
 * s.knows(Addon.parse("dns"));  // the channel has it
 * s.enabled();                  // ["dns", "ha-cluster", "rbac"]
 * }</pre>
 */
record MicroK8sStatus(boolean running, List<AddonState> addons) {
    private static final YAMLMapper YAML = YAMLMapper.builder().build();
    /**
     * Addons that status always reports enabled: their check is the snap's own helm binary
     * (microk8s-core-addons addons.yaml, check_status "${SNAP}/bin/helm"), and enable/disable only
     * print "Helm comes pre-installed with MicroK8s". They are part of the snap, not of the cluster.
     */
    static final Set<String> BUILT_IN = Set.of("helm", "helm3");

    /** One addon line. */
    record AddonState(String repository, String name, boolean enabled) {
    }

    /**
     * Parses the YAML report.
     *
     * @throws IllegalStateException when it is not the report microk8s prints (a changed format)
     */
    static MicroK8sStatus parse(String yaml) {
        JsonNode root;
        try {
            root = YAML.readTree(yaml);
        } catch (JacksonException e) {
            throw new IllegalStateException("`microk8s status --format yaml` printed something that is not YAML ("
                    + e.getOriginalMessage() + "); is the installed microk8s channel too old for --format yaml?", e);
        }
        if (root == null || !root.path("addons").isArray()) {
            throw new IllegalStateException("`microk8s status --format yaml` printed no addons list; is the installed"
                    + " microk8s channel too old for --format yaml?");
        }
        List<AddonState> out = new ArrayList<>();
        for (JsonNode a : root.path("addons")) {
            out.add(new AddonState(a.path("repository").asString(), a.path("name").asString(),
                    "enabled".equalsIgnoreCase(a.path("status").asString())));
        }
        // Python's yaml prints True; accept any spelling of true.
        return new MicroK8sStatus("true".equalsIgnoreCase(root.path("microk8s").path("running").asString()), List.copyOf(out));
    }

    /** The state of an addon (first match when no repository is given, as microk8s enable resolves it). */
    Optional<AddonState> find(Addon addon) {
        return addons.stream().filter(a -> a.name().equals(addon.name())
                && addon.repository().map(a.repository()::equals).orElse(true)).findFirst();
    }

    boolean knows(Addon addon) {
        return find(addon).isPresent();
    }

    boolean isEnabled(Addon addon) {
        return find(addon).map(AddonState::enabled).orElse(false);
    }

    /** Names of the enabled addons, in report order; helm and helm3 are left out (always there). */
    List<String> enabled() {
        return addons.stream().filter(AddonState::enabled).map(AddonState::name)
                .filter(n -> !BUILT_IN.contains(n)).distinct().toList();
    }

    /** Whether some addon of this repository is listed (a repository such as community is enabled). */
    boolean hasRepository(String repository) {
        return addons.stream().anyMatch(a -> a.repository().equals(repository));
    }
}
