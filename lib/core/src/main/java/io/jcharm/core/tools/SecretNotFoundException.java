package io.jcharm.core.tools;

import java.util.List;

/**
 * A secret- tool said the secret was not found (removed, or not granted to us).
 *
 * <pre>{@code
 * catch (SecretNotFoundException e) { throw StatusException.blocked("secret " + id + " not found"); }
 * }</pre>
 */
public class SecretNotFoundException extends HookToolException {
    public SecretNotFoundException(List<String> command, int exitCode, String stderr) {
        super(command, exitCode, stderr);
    }
}
