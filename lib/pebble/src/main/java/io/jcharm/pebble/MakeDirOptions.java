package io.jcharm.pebble;

/**
 * How {@link PebbleClient#makeDir} creates a directory: with parents (no error if it exists),
 * permissions (octal, Pebble's default 755) and owner.
 *
 * <pre>{@code
 * client.makeDir("/var/lib/app/data", MakeDirOptions.defaults().withMakeParents().withUser("app"));
 * }</pre>
 */
public record MakeDirOptions(boolean makeParents, Integer permissions, Integer userId, String user,
        Integer groupId, String group) {

    /** Checks the permission bits. */
    public MakeDirOptions {
        if (permissions != null && (permissions < 0 || permissions > 0777)) {
            throw new IllegalArgumentException("permissions must be between 0 and 0777 (octal), got 0"
                    + Integer.toOctalString(permissions));
        }
    }

    /** Pebble's defaults: parent must exist, mode 755. */
    public static MakeDirOptions defaults() {
        return new MakeDirOptions(false, null, null, null, null, null);
    }

    /** These options, also creating parents and accepting an existing directory. */
    public MakeDirOptions withMakeParents() {
        return new MakeDirOptions(true, permissions, userId, user, groupId, group);
    }

    /** These options with permission bits {@code mode}, e.g. {@code 0750}. */
    public MakeDirOptions withPermissions(int mode) {
        return new MakeDirOptions(makeParents, mode, userId, user, groupId, group);
    }

    /** These options with the directory owned by the named user. */
    public MakeDirOptions withUser(String name) {
        return new MakeDirOptions(makeParents, permissions, userId, name, groupId, group);
    }

    /** These options with the directory owned by the named group. */
    public MakeDirOptions withGroup(String name) {
        return new MakeDirOptions(makeParents, permissions, userId, user, groupId, name);
    }
}
