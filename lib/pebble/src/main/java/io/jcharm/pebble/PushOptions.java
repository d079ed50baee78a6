package io.jcharm.pebble;

/**
 * How {@link PebbleClient#push} writes a file: create missing parent directories, permissions
 * (an octal number such as {@code 0600}; Pebble's default is 644) and owner.
 *
 * <pre>{@code
 * client.push("/etc/app/secret.env", bytes, PushOptions.defaults().withMakeDirs().withPermissions(0600).withUser("app"));
 * }</pre>
 */
public record PushOptions(boolean makeDirs, Integer permissions, Integer userId, String user, Integer groupId,
        String group) {

    /** Checks the permission bits. */
    public PushOptions {
        if (permissions != null && (permissions < 0 || permissions > 0777)) {
            throw new IllegalArgumentException("permissions must be between 0 and 0777 (octal), got 0"
                    + Integer.toOctalString(permissions));
        }
    }

    /** Pebble's defaults: no parent creation, mode 644, owned by Pebble's user. */
    public static PushOptions defaults() {
        return new PushOptions(false, null, null, null, null, null);
    }

    /** These options, also creating missing parent directories (mode 755). */
    public PushOptions withMakeDirs() {
        return new PushOptions(true, permissions, userId, user, groupId, group);
    }

    /** These options with permission bits {@code mode}, e.g. {@code 0600}. */
    public PushOptions withPermissions(int mode) {
        return new PushOptions(makeDirs, mode, userId, user, groupId, group);
    }

    /** These options with the file owned by the named user. */
    public PushOptions withUser(String name) {
        return new PushOptions(makeDirs, permissions, userId, name, groupId, group);
    }

    /** These options with the file owned by the user id. */
    public PushOptions withUserId(int id) {
        return new PushOptions(makeDirs, permissions, id, user, groupId, group);
    }

    /** These options with the file owned by the named group. */
    public PushOptions withGroup(String name) {
        return new PushOptions(makeDirs, permissions, userId, user, groupId, name);
    }

    /** These options with the file owned by the group id. */
    public PushOptions withGroupId(int id) {
        return new PushOptions(makeDirs, permissions, userId, user, id, group);
    }
}
