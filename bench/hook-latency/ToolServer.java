import io.jcharm.controller.HookToolServer;
import io.jcharm.controller.ToolReply;
import io.jcharm.controller.ToolsDir;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * processes.sh's hook-tool controller: lib/controller's real server and client (the jar on the
 * class path) with fixed answers, config-get a JSON document on stdout and status-set nothing,
 * until stdin closes.
 *
 * <pre>{@code
 * java -cp jcharm-controller.jar ToolServer.java DIR   # writes DIR/bin/<tools> and DIR/server.txt
 * }</pre>
 */
public final class ToolServer {
    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        ToolsDir.install(dir.resolve("bin"));
        byte[] json = ("{\"greeting\": \"Hello from the bench\", \"port\": 8080, \"hostname\": \"db-0.example\","
                + " \"external-hostname\": \"\", \"debug\": false, \"replicas\": 3}\n").getBytes(StandardCharsets.UTF_8);
        try (HookToolServer server = HookToolServer.start()) {
            String ctx = server.register("bench/0", call -> call.tool().equals("config-get")
                    ? new ToolReply(0, json, new byte[0]) : ToolReply.OK);
            Path tmp = dir.resolve("server.txt.tmp");
            Files.writeString(tmp, server.address() + " " + ctx + "\n");
            Files.move(tmp, dir.resolve("server.txt"));
            System.in.read(); // until processes.sh closes our stdin
        }
    }
}
