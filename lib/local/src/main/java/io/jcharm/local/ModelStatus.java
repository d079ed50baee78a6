package io.jcharm.local;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A snapshot of the model, as {@code juju status} shows one: applications with their units'
 * workload and agent status, and relations with their data; simulated workloads say so.
 *
 * <pre>{@code
 * ModelStatus s = LocalModel.readStatus(Path.of(".jcharm/model"));
 * s.unit("hello/0").orElseThrow().workload();   // "active"
 * }</pre>
 *
 * @param hooksRun every hook and action run in this model so far
 */
public record ModelStatus(String model, String uuid, String bundle, String jujuVersion, long hooksRun,
                          List<AppStatus> applications, List<RelationStatus> relations) {

    public ModelStatus {
        applications = List.copyOf(applications);
        relations = List.copyOf(relations);
    }

    /**
     * One application.
     *
     * @param status the leader's application status, else the worst of its units' (Juju's derived status)
     * @param standIn for a Charmhub charm, what stands in for it on the local model; "" for the repository's charms
     */
    public record AppStatus(String name, String charm, int revision, boolean kubernetes, String status, String message,
                            String workloadVersion, boolean dying, List<UnitStatus> units, String standIn) {
        public AppStatus {
            units = List.copyOf(units);
        }
    }

    /**
     * One unit.
     *
     * @param workload {@code active}, {@code blocked}, ..., or {@code error} while a hook failed
     * @param agent {@code allocating}, {@code executing} or {@code idle}
     * @param simulated what stands in for its workload (containers and their services, or the machine sandbox)
     * @param lastLog the last lines its hooks printed (a failed hook's output)
     * @param pendingHooks hooks queued and not yet run
     */
    public record UnitStatus(String name, boolean leader, String workload, String message, String agent, String agentMessage,
                             List<String> ports, String simulated, List<String> lastLog, int pendingHooks,
                             Map<String, String> state) {
        public UnitStatus {
            ports = List.copyOf(ports);
            lastLog = List.copyOf(lastLog);
            state = Map.copyOf(state);
        }
    }

    /**
     * One relation with its data bags.
     *
     * @param endpoints {@code app:endpoint} of each side (one for a peer relation)
     * @param appData application name to its bag
     * @param unitData unit name to its bag
     */
    public record RelationStatus(int id, List<String> endpoints, String interfaceName, boolean peer, boolean dying,
                                 Map<String, Map<String, String>> appData, Map<String, Map<String, String>> unitData) {
        public RelationStatus {
            endpoints = List.copyOf(endpoints);
        }
    }

    public Optional<AppStatus> application(String name) {
        return applications.stream().filter(a -> a.name().equals(name)).findFirst();
    }

    public Optional<UnitStatus> unit(String name) {
        return applications.stream().flatMap(a -> a.units().stream()).filter(u -> u.name().equals(name)).findFirst();
    }

    /** The relation between two applications ({@code app} or {@code app:endpoint} each). */
    public Optional<RelationStatus> relation(String a, String b) {
        return relations.stream().filter(r -> !r.peer() && matches(r, a) && matches(r, b)).findFirst();
    }

    private static boolean matches(RelationStatus r, String spec) {
        return r.endpoints().stream().anyMatch(e -> e.equals(spec) || e.startsWith(spec + ":"));
    }
}
