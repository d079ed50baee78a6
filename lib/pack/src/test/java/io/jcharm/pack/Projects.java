package io.jcharm.pack;

import java.nio.file.Path;
import java.util.List;

/** Test helper: a valid charmcraft.yaml to vary, and the problems a variant produces. */
final class Projects {
    static final String VALID = """
            type: charm
            name: demo
            title: Demo
            summary: A demo charm.
            description: Demonstrates things.
            base: ubuntu@24.04
            platforms:
              amd64:
            """;

    private Projects() {
    }

    /** The problems {@code yaml} has; empty if it is valid. */
    static List<Problem> problems(String yaml) {
        try {
            CharmcraftReader.parse(Path.of("/nonexistent-project"), yaml);
            return List.of();
        } catch (PackException e) {
            return e.problems();
        }
    }

    /** The messages of the problems {@link #VALID} plus {@code extra} has. */
    static List<String> messages(String extra) {
        return problems(VALID + extra).stream().map(Problem::message).toList();
    }
}
