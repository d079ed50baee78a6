package io.jcharm.core.tools;

import java.util.List;

/**
 * A secret tool was refused ("permission denied"): the secret exists but was not granted to
 * this application, or this unit does not own the secret it tried to manage.
 *
 * <pre>{@code
 * catch (SecretPermissionDeniedException e) { throw StatusException.blocked("juju grant-secret " + id + " " + app); }
 * }</pre>
 */
public class SecretPermissionDeniedException extends HookToolException {
    public SecretPermissionDeniedException(List<String> command, int exitCode, String stderr) {
        super(command, exitCode, stderr);
    }
}
