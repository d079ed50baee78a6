package io.jcharm.pack;

import java.util.List;

/**
 * One base a packed charm runs on, as manifest.yaml lists it (and as Juju reads it to choose
 * metadata v2 and the deploy base): an OS, a channel and the architectures.
 *
 * <pre>{@code
 * new Base("ubuntu", "22.04", List.of("amd64", "arm64")).fileNamePart()  // ubuntu-22.04-amd64-arm64
 * }</pre>
 *
 * @param os            the OS name, e.g. ubuntu
 * @param channel       the channel, e.g. 22.04 (written quoted, so it never turns into a float)
 * @param architectures Juju architectures, normalised (x86_64 is written amd64)
 */
public record Base(String os, String channel, List<String> architectures) {

    public Base {
        architectures = List.copyOf(architectures);
    }

    /** charmcraft's part of a .charm file name for this base: {@code <os>-<channel>-<arch>[-<arch>...]}. */
    public String fileNamePart() {
        return os + "-" + channel + "-" + String.join("-", architectures);
    }
}
