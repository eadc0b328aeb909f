package io.rackdesk.app.libvirt;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Rackdesk's element in a domain's {@code <metadata>}: free-form tags that travel with the VM, so every
 * admin (and virsh dumpxml) sees them. {@code <rackdesk:tags xmlns:rackdesk="NAMESPACE"><rackdesk:tag>prod</rackdesk:tag></rackdesk:tags>}
 */
public final class RackdeskMetadata {
    public static final String NAMESPACE = "https://rackdesk.io/xmlns/domain/1.0";
    public static final String PREFIX = "rackdesk";
    /** Longest tag accepted; tags are labels, not notes. */
    public static final int MAX_TAG_LENGTH = 64;

    private RackdeskMetadata() {
    }

    /** Tags from the element libvirt returns for our namespace; malformed content gives none. */
    public static List<String> parseTags(String xml) {
        try {
            Element root = XmlDoc.parse(xml).root();
            NodeList nodes = root.getElementsByTagNameNS("*", "tag");
            Set<String> tags = new LinkedHashSet<>();
            for (int i = 0; i < nodes.getLength(); i++) {
                String t = nodes.item(i).getTextContent().strip();
                if (!t.isEmpty()) {
                    tags.add(t);
                }
            }
            return List.copyOf(tags);
        } catch (IllegalArgumentException e) {
            return List.of();
        }
    }

    /** The element to store: libvirt binds the prefix to our namespace itself. */
    public static String tagsXml(List<String> tags) {
        StringBuilder sb = new StringBuilder("<tags>");
        for (String t : normalize(tags)) {
            sb.append("<tag>").append(escape(t)).append("</tag>");
        }
        return sb.append("</tags>").toString();
    }

    /**
     * Trimmed, de-duplicated tags; throws IllegalArgumentException with the reason for an empty,
     * too long or multi-line tag.
     */
    public static List<String> normalize(List<String> tags) {
        Set<String> out = new LinkedHashSet<>();
        for (String raw : tags) {
            String t = raw == null ? "" : raw.strip();
            if (t.isEmpty()) {
                continue;
            }
            if (t.length() > MAX_TAG_LENGTH) {
                throw new IllegalArgumentException("tag '" + t.substring(0, 20) + "…' is longer than " + MAX_TAG_LENGTH + " characters");
            }
            if (t.chars().anyMatch(c -> c == '\n' || c == '\r' || c == '\t' || c == ';' || c == ',')) {
                throw new IllegalArgumentException("tag '" + t + "' contains a separator (comma, semicolon, tab or line break)");
            }
            out.add(t);
        }
        return new ArrayList<>(out);
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
