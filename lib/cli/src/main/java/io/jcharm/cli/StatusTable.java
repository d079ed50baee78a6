package io.jcharm.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * Formats a {@link JujuStatus} as a small table like {@code juju status}.
 *
 * <pre>{@code
 * out.print(StatusTable.format(status));
 * }</pre>
 */
public final class StatusTable {
    private StatusTable() {
    }

    public static String format(JujuStatus status) {
        List<String[]> apps = new ArrayList<>();
        apps.add(new String[] {"App", "Status", "Units", "Charm", "Message"});
        List<String[]> units = new ArrayList<>();
        units.add(new String[] {"Unit", "Workload", "Agent", "Message"});
        status.applications().values().forEach(a -> {
            apps.add(new String[] {a.name(), a.status(), Integer.toString(a.units().size()), a.charm(), a.message()});
            a.units().forEach(u -> units.add(new String[] {u.name() + (u.leader() ? "*" : ""), u.workload(), u.agent(), u.message()}));
        });
        return table(apps) + "\n" + table(units);
    }

    static String table(List<String[]> rows) {
        int cols = rows.get(0).length;
        int[] width = new int[cols];
        for (String[] r : rows) {
            for (int i = 0; i < cols; i++) {
                width[i] = Math.max(width[i], r[i].length());
            }
        }
        StringBuilder sb = new StringBuilder();
        for (String[] r : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < cols; i++) {
                line.append(i == cols - 1 ? r[i] : String.format("%-" + (width[i] + 2) + "s", r[i]));
            }
            sb.append(line.toString().stripTrailing()).append('\n');
        }
        return sb.toString();
    }
}
