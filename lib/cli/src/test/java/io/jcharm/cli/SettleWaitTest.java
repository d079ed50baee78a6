package io.jcharm.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * When a deploy counts as settled, against status documents in the shapes Juju 3.6 prints:
 * status-error entries, application-level errors, machine provisioning errors, unrelated
 * applications, hooks that start after the first good poll.
 */
class SettleWaitTest {
    @TempDir
    Path tmp;
    CliHarness h;

    @BeforeEach
    void setUp() throws Exception {
        h = CliHarness.packed(tmp);
        Files.delete(tmp.resolve("bundles/edge/machine.yaml"));
        h.installFakeJuju();
        h.status(1, CliHarness.emptyStatus("default"));
    }

    private static final String SINCE = "\"since\":\"01 Jan 2026 00:00:00Z\"";

    /** A Kubernetes application as juju status prints it; units is the inside of its units map. */
    private static String app(String name, String appStatus, String units) {
        return """
                "%s":{"charm":"local:%s-0","charm-name":"%s","charm-origin":"local","charm-rev":0,"exposed":false,"scale":1,\
                "application-status":%s,"units":{%s}}""".formatted(name, name, name, appStatus, units);
    }

    private static String unit(String name, String workload, String agent) {
        return """
                "%s":{"workload-status":{"current":"%s",%s},"juju-status":{"current":"%s",%s,"version":"3.6.4"},"leader":true}"""
                .formatted(name, workload, SINCE, agent, SINCE);
    }

    private static String active() {
        return "{\"current\":\"active\"," + SINCE + "}";
    }

    private static String doc(String machines, String... apps) {
        return """
                {"model":{"name":"default","type":"caas","controller":"ctrl","cloud":"k8s","version":"3.6.4"},\
                "machines":{%s},"applications":{%s},"storage":{},"controller":{"timestamp":"00:00:00Z"}}
                """.formatted(machines, String.join(",", apps));
    }

    private String allActive(String... extra) {
        String[] apps = new String[3 + extra.length];
        apps[0] = app("gateway", active(), unit("gateway/0", "active", "idle"));
        apps[1] = app("serving", active(), unit("serving/0", "active", "idle"));
        apps[2] = app("monitor", active(), unit("monitor/0", "active", "idle"));
        System.arraycopy(extra, 0, apps, 3, extra.length);
        return doc("", apps);
    }

    @Test
    void anUnrelatedBlockedApplicationDoesNotHoldTheDeploy() throws Exception {
        h.status(2, allActive(app("other", "{\"current\":\"blocked\",\"message\":\"needs a database\"," + SINCE + "}",
                "\"other/0\":{\"workload-status\":{\"current\":\"blocked\",\"message\":\"needs a database\"," + SINCE
                        + "},\"juju-status\":{\"current\":\"idle\"," + SINCE + "}}")));
        CliHarness.Run r = h.jcharm("deploy", "bundles/edge", "--juju", "--timeout", "3s");
        assertEquals(0, r.code(), r.out() + r.err());
        assertFalse(r.out().contains("other/0"), r.out());
    }

    @Test
    void aMachineThatFailedToProvisionFailsAtOnceWithItsMessage() throws Exception {
        String machine = """
                "0":{"juju-status":{"current":"pending",%s},"machine-status":{"current":"provisioning error",\
                "message":"failed to start machine 0 (no matching image found), retrying in 10s (3 more attempts)",%s},\
                "base":{"name":"ubuntu","channel":"22.04"}}""".formatted(SINCE, SINCE);
        String unit = """
                "k8s-node/0":{"workload-status":{"current":"waiting","message":"waiting for machine",%s},\
                "juju-status":{"current":"allocating",%s},"machine":"0"}""".formatted(SINCE, SINCE);
        JujuDriverTest.Fixtures.copy(tmp);
        h.status(2, doc(machine, app("k8s-node", "{\"current\":\"waiting\"," + SINCE + "}", unit)));
        CliHarness.Run r = h.jcharm("deploy", "bundles/edge/machine.yaml", "--juju", "--timeout", "30s");
        assertEquals(3, r.code(), r.out() + r.err());
        assertTrue(r.err().contains("error: machine 0 failed to provision: failed to start machine 0 (no matching image found), "
                + "retrying in 10s (3 more attempts) (unit k8s-node/0 waits for it)"), r.err());
        assertTrue(r.err().contains("juju retry-provisioning 0 -m ctrl:admin/default"), r.err());
    }

    @Test
    void anApplicationInErrorWithoutUnitsFailsWithItsMessage() throws Exception {
        h.status(2, doc("", app("gateway", "{\"current\":\"error\",\"message\":\"creating pod: pods \\\"gateway-0\\\" is forbidden: "
                + "exceeded quota\"," + SINCE + "}", ""), app("serving", active(), unit("serving/0", "active", "idle")),
                app("monitor", active(), unit("monitor/0", "active", "idle"))));
        CliHarness.Run r = h.jcharm("deploy", "bundles/edge", "--juju", "--timeout", "30s");
        assertEquals(3, r.code(), r.out() + r.err());
        assertTrue(r.err().contains("error: application gateway is in error: creating pod: pods \"gateway-0\" is forbidden: "
                + "exceeded quota"), r.err());
    }

    @Test
    void statusErrorsAreFailures() throws Exception {
        h.status(2, doc("", app("gateway", active(), "\"gateway/0\":{\"status-error\":\"cannot get workload status: lease expired\"}"),
                app("serving", active(), unit("serving/0", "active", "idle")), app("monitor", active(), unit("monitor/0", "active", "idle"))));
        CliHarness.Run unitError = h.jcharm("deploy", "bundles/edge", "--juju", "--timeout", "30s");
        assertEquals(3, unitError.code(), unitError.out() + unitError.err());
        assertTrue(unitError.err().contains("error: unit gateway/0: status-error: cannot get workload status: lease expired"),
                unitError.err());

        Files.delete(h.jujuDir.resolve("count-"));
        h.status(2, doc("", "\"gateway\":{\"status-error\":\"cannot read application: permission denied\"}",
                app("serving", active(), unit("serving/0", "active", "idle")), app("monitor", active(), unit("monitor/0", "active", "idle"))));
        CliHarness.Run appError = h.jcharm("deploy", "bundles/edge", "--juju", "--timeout", "30s");
        assertEquals(3, appError.code(), appError.out() + appError.err());
        assertTrue(appError.err().contains("error: application gateway: status-error: cannot read application: permission denied"),
                appError.err());
    }

    @Test
    void oneGoodPollIsNotEnough() throws Exception {
        h.status(2, allActive());
        h.status(3, doc("", app("gateway", active(), unit("gateway/0", "active", "idle")),
                app("serving", active(), unit("serving/0", "active", "executing")), app("monitor", active(), unit("monitor/0", "active", "idle"))));
        h.status(4, allActive());
        CliHarness.Run r = h.jcharm("deploy", "bundles/edge", "--juju", "--timeout", "20s");
        assertEquals(0, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("waiting: 2/3 units active and idle; serving/0 active/executing"), r.out());
        long polls = h.jujuCalls().stream().filter(c -> c.startsWith("status")).count();
        assertEquals(1 + 2 + SettleWait.SETTLED_POLLS, polls, h.jujuCalls().toString());
    }
}
