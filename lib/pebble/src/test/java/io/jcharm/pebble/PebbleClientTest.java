package io.jcharm.pebble;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jcharm.pebble.emulator.CheckState;
import io.jcharm.pebble.emulator.ServiceState;
import io.jcharm.pebble.layer.Check;
import io.jcharm.pebble.layer.CheckLevel;
import io.jcharm.pebble.layer.ExecCheck;
import io.jcharm.pebble.layer.HttpCheck;
import io.jcharm.pebble.layer.Layer;
import io.jcharm.pebble.layer.OverrideMode;
import io.jcharm.pebble.layer.Plan;
import io.jcharm.pebble.layer.Service;
import io.jcharm.pebble.layer.Startup;
import io.jcharm.pebble.layer.TcpCheck;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The client against the emulator over a real unix socket, one test per endpoint family. */
class PebbleClientTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private EmulatorHarness h;

    @BeforeEach
    void start() {
        h = new EmulatorHarness();
    }

    @AfterEach
    void stop() {
        h.close();
    }

    private static Layer webLayer(String envValue) {
        return Layer.builder()
                .summary("web layer")
                .service("web", Service.builder().override(OverrideMode.REPLACE).command("/bin/web --port 8080")
                        .startup(Startup.ENABLED).environment("MODE", envValue).build())
                .service("worker", Service.builder().override(OverrideMode.REPLACE).command("/bin/worker")
                        .requires("web").build())
                .check("web-ready", Check.builder().override(OverrideMode.REPLACE).level(CheckLevel.READY)
                        .http(HttpCheck.of("http://localhost:8080/health")).build())
                .check("web-alive", Check.builder().override(OverrideMode.REPLACE).level(CheckLevel.ALIVE)
                        .tcp(TcpCheck.of(8080)).build())
                .check("disk", Check.builder().override(OverrideMode.REPLACE).startup(Startup.DISABLED)
                        .exec(ExecCheck.of("/bin/true")).build())
                .build();
    }

    @Test
    void systemInfoAndHealth() {
        SystemInfo info = h.client.systemInfo();
        assertTrue(info.version().startsWith("v1."), info.version());
        assertNotNull(info.bootId());
        assertTrue(h.client.isHealthy());
    }

    @Test
    void layersPlanAndServices() {
        h.client.addLayer("001-web", webLayer("prod"), false);
        Plan plan = h.client.plan();
        assertEquals("/bin/web --port 8080", plan.service("web").orElseThrow().command());
        assertTrue(plan.contains(webLayer("prod")));
        assertFalse(plan.contains(webLayer("dev")));
        assertTrue(h.client.planYaml().startsWith("services:\n    web:\n"), h.client.planYaml());

        PebbleApiException exists = assertThrows(PebbleApiException.class,
                () -> h.client.addLayer("001-web", webLayer("dev"), false));
        assertEquals("layer \"001-web\" already exists", exists.apiMessage());
        h.client.addLayer("001-web", webLayer("dev"), true);
        assertEquals("dev", h.client.plan().service("web").orElseThrow().environment().get("MODE"));
        assertEquals(List.of("001-web"), h.emulator.layerLabels());

        List<ServiceInfo> services = h.client.services();
        assertEquals(List.of("web", "worker"), services.stream().map(ServiceInfo::name).toList());
        assertEquals(Startup.ENABLED, services.get(0).startup());
        assertEquals(ServiceStatus.INACTIVE, services.get(0).current());
        assertEquals(List.of("worker"), h.client.services(List.of("worker")).stream().map(ServiceInfo::name).toList());
    }

    @Test
    void serviceActionsWaitForTheirChanges() {
        h.client.addLayer("001-web", webLayer("prod"), false);
        Change autostart = h.client.autostart(WAIT);
        assertEquals("Done", autostart.status());
        assertEquals("Autostart service \"web\"", autostart.summary());
        assertTrue(h.client.service("web").orElseThrow().isRunning());
        assertFalse(h.client.service("worker").orElseThrow().isRunning());

        Change start = h.client.startServices(List.of("worker"), WAIT);
        assertEquals(List.of("start", "start"), start.tasks().stream().map(Task::kind).toList());
        assertTrue(start.taskLog().stream().anyMatch(l -> l.contains("Service \"web\" already started.")));
        assertTrue(h.client.service("worker").orElseThrow().isRunning());

        Change stop = h.client.stopServices(List.of("web"), WAIT);
        assertEquals("Stop service \"web\" and 1 more", stop.summary()); // worker requires web
        assertFalse(h.client.service("worker").orElseThrow().isRunning());

        h.client.startServices(List.of("web"), WAIT);
        Change restart = h.client.restartServices(List.of("web"), WAIT);
        assertEquals(List.of("stop", "start"), restart.tasks().stream().map(Task::kind).toList());
        assertEquals(3, h.emulator.service("web").orElseThrow().startCount()); // autostart, start, restart

        // Replan restarts only services whose definition changed.
        Change unchanged = h.client.replan(WAIT);
        assertEquals(List.of("start"), unchanged.tasks().stream().map(Task::kind).toList());
        h.client.addLayer("001-web", webLayer("dev"), true);
        Change replan = h.client.replan(WAIT);
        assertEquals(List.of("stop", "start"), replan.tasks().stream().map(Task::kind).toList());
        ServiceState web = h.emulator.service("web").orElseThrow();
        assertEquals(4, web.startCount());
        assertEquals("dev", web.startedWith().map("environment").get("MODE"));

        Change fireAndForget = h.client.stopServices(List.of("web"), Duration.ZERO);
        assertNotNull(fireAndForget.id());
    }

    @Test
    void changesGetWaitAndList() {
        h.client.addLayer("001-web", webLayer("prod"), false);
        Change replan = h.client.replan(WAIT);
        assertEquals(replan.id(), h.client.change(replan.id()).id());
        assertTrue(h.client.waitChange(replan.id(), WAIT).ready());
        List<Change> all = h.client.changes(ChangeSelect.ALL, null);
        assertTrue(all.stream().anyMatch(c -> c.id().equals(replan.id())));
        // Enabled checks run as in-progress perform-check changes, as in Pebble.
        List<Change> inProgress = h.client.changes(ChangeSelect.IN_PROGRESS, null);
        assertEquals(2, inProgress.stream().filter(c -> c.kind().equals("perform-check")).count());
        assertTrue(h.client.changes(ChangeSelect.READY, "web").stream().allMatch(Change::ready));
        assertEquals(List.of(replan.id()), h.client.changes(ChangeSelect.ALL, "web").stream().map(Change::id).toList());
        assertThrows(PebbleApiException.class, () -> h.client.change("999"));
    }

    @Test
    void pullsFilesWhoseNamesGoQuotesOrPercentEncodes() {
        // Go's mime/multipart writes CR and LF in a filename as %0D/%0A and escapes quotes with a backslash.
        String odd = "/tmp/odd\r\nname \"q\" back\\slash";
        h.emulator.putFile(odd, "odd content");
        assertEquals("odd content", h.client.pullText(odd));
        h.client.push("/tmp/quoted \"name\"", "pushed");
        assertEquals("pushed", h.emulator.fileText("/tmp/quoted \"name\"").orElseThrow());
        assertEquals("pushed", h.client.pullText("/tmp/quoted \"name\""));
    }

    @Test
    void filesPushPullListMakeDirsRemove() {
        byte[] content = "hello from java client test\nbinary\0\1\2 end\n".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        h.client.push("/srv/app/conf/app.env", content, PushOptions.defaults().withMakeDirs().withPermissions(0600)
                .withUser("app").withGroupId(1001));
        assertArrayEquals(content, h.client.pull("/srv/app/conf/app.env"));
        assertArrayEquals(content, h.emulator.file("/srv/app/conf/app.env").orElseThrow());
        assertEquals(0600, h.emulator.fileMode("/srv/app/conf/app.env").orElseThrow());

        FileInfo info = h.client.listFiles("/srv/app/conf/app.env", null, false).get(0);
        assertEquals("app.env", info.name());
        assertEquals("600", info.permissions());
        assertEquals(42L, info.size());
        assertEquals("app", info.user());
        assertEquals(1001, info.groupId());

        h.client.makeDir("/srv/app/data", MakeDirOptions.defaults().withPermissions(0750));
        h.client.push("/srv/app/readme.txt", "text");
        assertEquals(List.of("conf", "data", "readme.txt"),
                h.client.listFiles("/srv/app", null, false).stream().map(FileInfo::name).toList());
        assertEquals(List.of("readme.txt"),
                h.client.listFiles("/srv/app", "*.txt", false).stream().map(FileInfo::name).toList());
        FileInfo itself = h.client.listFiles("/srv/app", null, true).get(0);
        assertTrue(itself.isDirectory());
        assertEquals("text", h.client.pullText("/srv/app/readme.txt"));
        assertTrue(h.client.exists("/srv/app/data"));
        assertFalse(h.client.exists("/srv/nope"));

        PebblePathException notEmpty = assertThrows(PebblePathException.class, () -> h.client.remove("/srv/app", false));
        assertEquals("generic-file-error", notEmpty.kind());
        h.client.remove("/srv/app", true);
        assertFalse(h.client.exists("/srv/app"));
        PebblePathException missing = assertThrows(PebblePathException.class, () -> h.client.pull("/srv/app/readme.txt"));
        assertEquals("not-found", missing.kind());
        assertEquals("stat /srv/app/readme.txt: no such file or directory", missing.apiMessage());
        PebblePathException noParent = assertThrows(PebblePathException.class,
                () -> h.client.push("/nowhere/x", "x"));
        assertEquals("not-found", noParent.kind());
        PebbleApiException listMissing = assertThrows(PebbleApiException.class,
                () -> h.client.listFiles("/nowhere", null, false));
        assertEquals(404, listMissing.statusCode());
        assertEquals("not-found", listMissing.kind().orElseThrow());
    }

    @Test
    void checksLevelsStartStopRefreshAndHealth() {
        h.client.addLayer("001-web", webLayer("prod"), false);
        List<CheckInfo> checks = h.client.checks();
        assertEquals(List.of("disk", "web-alive", "web-ready"), checks.stream().map(CheckInfo::name).toList());
        assertEquals(CheckStatus.INACTIVE, checks.get(0).status());
        assertEquals(Startup.DISABLED, checks.get(0).startup());
        assertEquals(CheckStatus.UP, checks.get(2).status());
        assertEquals(3, checks.get(2).threshold());
        assertEquals(List.of("web-ready"),
                h.client.checks(CheckLevel.READY, List.of()).stream().map(CheckInfo::name).toList());

        h.emulator.setCheckStatus("web-ready", CheckState.DOWN);
        assertFalse(h.client.isHealthy());
        assertFalse(h.client.isHealthy(CheckLevel.READY, List.of()));
        assertTrue(h.client.isHealthy(CheckLevel.ALIVE, List.of()));
        assertTrue(h.client.isHealthy(null, List.of("web-alive")));
        CheckInfo down = h.client.checks(null, List.of("web-ready")).get(0);
        assertEquals(CheckStatus.DOWN, down.status());
        assertEquals(3, down.failures());

        assertEquals(List.of("web-ready"), h.client.stopChecks(List.of("web-ready", "disk")));
        assertTrue(h.client.isHealthy());
        assertEquals(List.of("disk"), h.client.startChecks(List.of("disk", "web-alive")));
        assertEquals(List.of(), h.client.stopChecks(List.of("web-ready")));
        CheckRefresh refreshed = h.client.refreshCheck("web-alive");
        assertEquals(1, refreshed.info().successes());
        assertFalse(refreshed.failed());
        // Pebble answers a failing run with {"info": {...}, "error": "..."}: the error must reach the caller.
        h.client.startChecks(List.of("web-ready"));
        h.emulator.setCheckStatus("web-ready", CheckState.DOWN);
        CheckRefresh failing = h.client.refreshCheck("web-ready");
        assertEquals(CheckStatus.DOWN, failing.info().status());
        assertTrue(failing.error().orElseThrow().contains("down"), failing.toString());
        assertThrows(PebbleApiException.class, () -> h.client.startChecks(List.of("nosuch")));
    }

    @Test
    void noticesAddFilterAndGet() {
        Instant before = Instant.now().minusSeconds(1);
        String id = h.client.addNotice("example.com/db-ready", Map.of("host", "db"), null);
        String again = h.client.addNotice("example.com/db-ready", Map.of("host", "db2"), Duration.ofHours(1));
        assertEquals(id, again);
        Notice notice = h.client.notice(id);
        assertEquals("custom", notice.type());
        assertEquals(2, notice.occurrences());
        assertEquals(Map.of("host", "db2"), notice.lastData());
        assertEquals(Duration.ofHours(1), notice.repeatAfter());
        assertEquals(Duration.ofDays(7), notice.expireAfter());
        h.client.addLayer("001-web", webLayer("prod"), false);
        h.client.replan(WAIT);
        assertEquals(List.of(id), h.client.notices(NoticeQuery.all().withTypes("custom")).stream().map(Notice::id).toList());
        assertEquals(1, h.client.notices(NoticeQuery.all().withKeys("example.com/db-ready").withAfter(before)).size());
        assertTrue(h.client.notices(NoticeQuery.all()).stream().anyMatch(n -> n.type().equals("change-update")));
        assertTrue(h.client.notices(NoticeQuery.all().withTypes("custom").withAfter(Instant.now().plusSeconds(60))
                .withTimeout(Duration.ofMillis(50))).isEmpty());
        PebbleApiException badKey = assertThrows(PebbleApiException.class, () -> h.client.addNotice("nokey", Map.of(), null));
        assertEquals(400, badKey.statusCode());
    }

    @Test
    void signalsAndLogs() {
        h.client.addLayer("001-web", webLayer("prod"), false);
        h.client.replan(WAIT);
        h.client.sendSignal("SIGHUP", List.of("web"));
        assertEquals(List.of("SIGHUP web"), h.emulator.signals());
        PebbleApiException notRunning = assertThrows(PebbleApiException.class,
                () -> h.client.sendSignal("SIGHUP", List.of("worker")));
        assertEquals(500, notRunning.statusCode());

        List<LogEntry> logs = h.client.logs(List.of("web"), 10);
        assertTrue(logs.stream().anyMatch(e -> e.message().contains("no process runs")), logs.toString());
        assertTrue(logs.stream().allMatch(e -> e.service().equals("web")));
        assertEquals(1, h.client.logs(List.of(), 1).size());
    }
}
