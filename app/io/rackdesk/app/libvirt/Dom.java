package io.rackdesk.app.libvirt;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Small, fast look-ups on a namespace-aware DOM (no XPath: it is compiled per call and costs more
 * than the parse when a host has a thousand VMs). Names without a namespace match libvirt's own
 * elements only, so a foreign {@code <x:name>} in metadata is never taken for {@code <name>}.
 */
final class Dom {

    private Dom() {
    }

    /** The root element, which must be {@code <rootName>}; hostile or malformed input is refused. */
    static Element parse(String xml, String rootName) {
        if (xml == null) {
            throw new IllegalArgumentException("no XML");
        }
        Element root = XmlDoc.parseDocument(xml).getDocumentElement();
        if (root.getNamespaceURI() != null || !rootName.equals(root.getLocalName())) {
            throw new IllegalArgumentException("expected <" + rootName + "> but the XML is <" + root.getTagName() + ">");
        }
        return root;
    }

    /** The first child element {@code <name>} (no namespace), or null; null-safe. */
    static Element child(Element parent, String name) {
        return parent == null ? null : firstChild(parent, null, name);
    }

    static List<Element> children(Element parent, String name) {
        return children(parent, null, name);
    }

    /** Child elements with this namespace (null: none) and local name, in document order. */
    static List<Element> children(Element parent, String namespace, String name) {
        List<Element> out = new ArrayList<>();
        if (parent == null) {
            return out;
        }
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && matches(e, namespace, name)) {
                out.add(e);
            }
        }
        return out;
    }

    static Element firstChild(Element parent, String namespace, String name) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && matches(e, namespace, name)) {
                return e;
            }
        }
        return null;
    }

    /** True when the element has any child element (an empty {@code <backingStore/>} has none). */
    static boolean hasChildElements(Element e) {
        for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element) {
                return true;
            }
        }
        return false;
    }

    /** The attribute's value, or null when the element or the attribute is absent; null-safe. */
    static String attr(Element e, String name) {
        return e != null && e.hasAttribute(name) ? e.getAttribute(name) : null;
    }

    /** The trimmed text of {@code <name>} under {@code parent}, or null when absent. */
    static String text(Element parent, String name) {
        Element e = child(parent, name);
        return e == null ? null : e.getTextContent().strip();
    }

    /** An integer attribute, or null when absent or not a number. */
    static Integer intAttr(Element e, String name) {
        String v = attr(e, name);
        if (v == null) {
            return null;
        }
        try {
            return Integer.valueOf(v.strip());
        } catch (NumberFormatException ex) {
            return null;
        }
    }

    private static boolean matches(Element e, String namespace, String name) {
        return name.equals(e.getLocalName()) && Objects.equals(namespace, e.getNamespaceURI());
    }
}
