package io.jcharm.pebble;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/**
 * One entry of {@code GET /v1/files?action=list}; {@code type} is {@code file},
 * {@code directory}, {@code symlink}, {@code socket}, {@code named-pipe}, {@code device} or
 * {@code unknown}; {@code permissions} is three octal digits such as {@code 644}.
 *
 * <pre>{@code
 * boolean isDir = client.listFiles("/etc/mlflow", null, true).get(0).isDirectory();
 * }</pre>
 */
public record FileInfo(
        String path,
        String name,
        String type,
        Long size,
        String permissions,
        @JsonProperty("last-modified") Instant lastModified,
        @JsonProperty("user-id") Integer userId,
        String user,
        @JsonProperty("group-id") Integer groupId,
        String group) {

    /** True for a directory. */
    public boolean isDirectory() {
        return "directory".equals(type);
    }

    /** True for a regular file. */
    public boolean isFile() {
        return "file".equals(type);
    }
}
