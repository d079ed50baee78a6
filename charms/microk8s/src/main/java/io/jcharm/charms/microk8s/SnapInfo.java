package io.jcharm.charms.microk8s;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code channels:} section of {@code snap info microk8s}: the version each channel of the
 * store holds right now, so a channel change is judged by what it would install, not by its name
 * ({@code latest/stable} can lag the newest numbered track).
 *
 * <pre>{@code
 * SnapInfo.parse("channels:\n  1.33/stable: v1.33.3 2025-07-01 (8200) 180MB classic\n  1.33/candidate: ↑\n")
 *     .version(Channel.parse("1.33/candidate"));   // Optional[v1.33.3]: a closed risk follows the one above
 * }</pre>
 */
record SnapInfo(Map<String, String> channels) {
    /** Risks from most to least stable; snapd lists a closed risk as ↑, following the more stable one. */
    private static final List<String> RISKS = List.of("stable", "candidate", "beta", "edge");

    static SnapInfo parse(String text) {
        Map<String, String> out = new LinkedHashMap<>();
        boolean inChannels = false;
        for (String line : text.split("\n")) {
            if (!line.startsWith(" ")) {
                inChannels = line.startsWith("channels:");
                continue;
            }
            if (!inChannels) {
                continue;
            }
            String t = line.strip();
            int colon = t.indexOf(": ");
            if (colon < 0) {
                continue;
            }
            String[] cols = t.substring(colon + 2).strip().split("\\s+");
            out.put(t.substring(0, colon), cols.length == 0 ? "--" : cols[0]);
        }
        return new SnapInfo(Map.copyOf(out));
    }

    /**
     * The version installing {@code channel} gives: its own, or for a closed risk (↑) the next
     * more stable risk's of the same track; empty when the store has nothing there ("--" or not
     * listed).
     */
    Optional<String> version(Channel channel) {
        int from = RISKS.indexOf(channel.risk());
        String suffix = channel.branch().map(b -> "/" + b).orElse("");
        for (int i = from; i >= 0; i--) {
            String v = channels.get(channel.track() + "/" + RISKS.get(i) + (i == from ? suffix : ""));
            if (v == null || v.equals("--")) {
                return Optional.empty();
            }
            if (!v.equals("↑")) {
                return Optional.of(v);
            }
        }
        return Optional.empty();
    }
}
