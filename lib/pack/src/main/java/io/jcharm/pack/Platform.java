package io.jcharm.pack;

/**
 * One charmcraft platform the charm is packed for: a base (OS and channel) and the architecture
 * it runs on; each platform becomes one {@code .charm}.
 *
 * <pre>{@code
 * new Platform("amd64", "ubuntu", "24.04", "amd64").charmFileName("hello")  // hello_ubuntu-24.04-amd64.charm
 * }</pre>
 *
 * @param name    the key under {@code platforms:}
 * @param os      the base's OS, e.g. ubuntu
 * @param channel the base's channel, e.g. 24.04 (written quoted into manifest.yaml)
 * @param arch    the Juju architecture it runs on, e.g. amd64
 */
public record Platform(String name, String os, String channel, String arch) {

    /** charmcraft's file name: {@code <name>_<os>-<channel>-<arch>.charm}. */
    public String charmFileName(String charmName) {
        return charmName + "_" + os + "-" + channel + "-" + arch + ".charm";
    }
}
