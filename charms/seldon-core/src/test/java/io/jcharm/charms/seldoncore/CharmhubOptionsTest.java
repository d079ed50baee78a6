package io.jcharm.charms.seldoncore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jcharm.core.Status;
import io.jcharm.testing.Context;
import io.jcharm.testing.Events;
import io.jcharm.testing.State;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Switching from Charmhub's seldon-core charm must not break a bundle or overlay: every option
 * this charm shares with it keeps its name, type and default, and values written for it apply.
 */
class CharmhubOptionsTest {
    /** Options of this charm that Charmhub's has not: each is documented in the README as an addition. */
    static final Set<String> ADDITIONS = Set.of("metrics-port", "purge-on-remove");
    private static final YAMLMapper YAML = YAMLMapper.builder().build();
    private final Context ctx = Context.of(SeldonCoreCharm::new);

    /** Name to {type, default} of Charmhub's 1.17 options, from the recorded facts. */
    private static Map<String, List<String>> charmhubOptions() throws IOException {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (String line : Files.readAllLines(Path.of("src/test/resources/charmhub-seldon-core-1.17-options.tsv"),
                StandardCharsets.UTF_8)) {
            if (line.startsWith("#") || line.isBlank()) {
                continue;
            }
            String[] f = line.split("\t", -1);
            out.put(f[0], List.of(f[1], f[2].replace("\\n", "\n").replace("\\t", "\t").replace("\\\\", "\\")));
        }
        return out;
    }

    @Test
    void everySharedOptionKeepsCharmhubsNameTypeAndDefault() throws IOException {
        Map<String, List<String>> charmhub = charmhubOptions();
        JsonNode ours = YAML.readTree(Files.readString(Path.of("charmcraft.yaml"))).at("/config/options");
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, JsonNode> o : ours.properties()) {
            String name = o.getKey();
            String type = o.getValue().get("type").asString();
            String dflt = o.getValue().has("default") ? o.getValue().get("default").asString() : "";
            List<String> theirs = charmhub.get(name);
            if (theirs == null) {
                if (!ADDITIONS.contains(name)) {
                    problems.add(name + " is not an option of Charmhub's seldon-core (a rename?) nor a documented addition");
                }
            } else if (!theirs.get(0).equals(type) || !theirs.get(1).equals(dflt)) {
                problems.add(name + ": ours " + type + " " + dflt + ", Charmhub's " + theirs.get(0) + " " + theirs.get(1));
            }
        }
        assertEquals(List.of(), problems);
    }

    @Test
    void additionsAreDocumentedAsAdditions() throws IOException {
        String readme = Files.readString(Path.of("README.md"));
        int section = readme.indexOf("Additions");
        assertTrue(section > 0, "the README has an Additions part");
        for (String option : ADDITIONS) {
            assertTrue(readme.indexOf("`" + option + "`", section) > 0, option + " is listed under Additions");
        }
    }

    @Test
    void valuesWrittenForCharmhubsCharmApply() {
        // An overlay for seldon-controller-manager: string port, its custom_images keys, Seldon's WARNING.
        State out = ctx.run(Events.configChanged(), SeldonCoreCharmTest.follower().withConfig(Map.of(
                "webhook-port", "9443",
                "manager-log-level", "WARNING",
                "custom_images", "configmap__predictor__sklearn__seldon: reg.local/sklearnserver:1.17.1\n"
                        + "configmap_explainer: ''\n")));
        assertEquals(Status.waiting("[leader] waiting for leadership"), out.unitStatus());
        assertEquals("/manager --enable-leader-election --metrics-addr=:8080 --webhook-port 9443 --log-level=WARNING",
                out.container(SeldonCoreCharm.CONTAINER).planOrFail().services().get(ManagerLayer.SERVICE).command());
    }
}
