package io.jcharm.core.tools;

import java.util.List;

/**
 * A relation- or network- tool said "relation not found": the relation is gone.
 *
 * <pre>{@code
 * catch (RelationNotFoundException e) { // treat the relation as dead }
 * }</pre>
 */
public class RelationNotFoundException extends HookToolException {
    public RelationNotFoundException(List<String> command, int exitCode, String stderr) {
        super(command, exitCode, stderr);
    }
}
