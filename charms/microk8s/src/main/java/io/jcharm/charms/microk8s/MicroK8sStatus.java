package io.jcharm.charms.microk8s;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
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

    /** Names of the enabled addons, in report order. */
    List<String> enabled() {
        return addons.stream().filter(AddonState::enabled).map(AddonState::name).distinct().toList();
    }
}
