package io.jcharm.core.tools;

/**
 * A relation as hook tools address it: {@code endpoint:id}.
 *
 * <pre>{@code
 * RelationRef r = RelationRef.parse("ingress:7");
 * r.id();        // 7
 * r.toString();  // "ingress:7"
 * }</pre>
 */
public record RelationRef(String endpoint, int id) {

    /** Parses {@code endpoint:N} as Juju prints it in relation-ids and JUJU_RELATION_ID. */
    public static RelationRef parse(String text) {
        int colon = text == null ? -1 : text.lastIndexOf(':');
        if (colon <= 0 || colon == text.length() - 1) {
            throw new IllegalArgumentException("relation id \"" + text + "\" is not of the form endpoint:N");
        }
        try {
            return new RelationRef(text.substring(0, colon), Integer.parseInt(text.substring(colon + 1)));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("relation id \"" + text + "\" is not of the form endpoint:N", e);
        }
    }

    @Override
    public String toString() {
        return endpoint + ":" + id;
    }
}
