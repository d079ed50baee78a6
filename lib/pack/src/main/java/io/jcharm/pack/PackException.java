package io.jcharm.pack;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Packing stopped: the project is invalid (every problem found is listed) or a build step failed.
 *
 * <pre>{@code
 * try { packer.pack(request); } catch (PackException e) { e.problems().forEach(System.err::println); }
 * }</pre>
 */
public class PackException extends RuntimeException {
    private final transient List<Problem> problems;

    public PackException(String message) {
        super(message);
        this.problems = List.of();
    }

    public PackException(String message, Throwable cause) {
        super(message, cause);
        this.problems = List.of();
    }

    /** The project failed validation: one exception carrying every problem found. */
    public PackException(List<Problem> problems) {
        super(problems.size() + (problems.size() == 1 ? " problem" : " problems")
                + " in the charm project; fix them and pack again:\n"
                + problems.stream().map(p -> "  " + p).collect(Collectors.joining("\n")));
        this.problems = List.copyOf(problems);
    }

    /** The validation problems; empty when a build step failed. */
    public List<Problem> problems() {
        return problems;
    }
}
