package io.rackdesk.app.libvirt;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import java.io.StringReader;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import org.libvirt.jna.Libvirt;
import org.libvirt.jna.virError;
import javax.xml.stream.Location;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * A VM's persistent definition (its domain XML) read and saved on one {@link LibvirtHost}. A save is
 * validated by libvirt against its schema (virDomainDefineXMLFlags with VALIDATE, which libvirt-java
 * 0.5.2 lacks); XML that is malformed or names another domain is refused before libvirt is asked.
 */
public final class DomainDefinitions {
    /** virDomainXMLFlags. */
    static final int XML_SECURE = 1;
    static final int XML_INACTIVE = 2;
    /** virDomainDefineFlags: check the XML against libvirt's RNG schema. */
    static final int DEFINE_VALIDATE = 1;

    interface Api extends Library {
        /** Returns a new domain reference (free it) or null with libvirt's last error set. */
        Pointer virDomainDefineXMLFlags(Pointer conn, String xml, int flags);

        int virDomainFree(Pointer dom);
    }

    /** Loaded on first use; strings go to libvirt as UTF-8 whatever the platform charset (names like kiosk-zürich). */
    private static final class Bindings {
        static final Api API = Native.load("virt", Api.class, Map.of(Library.OPTION_STRING_ENCODING, "UTF-8"));
    }

    private final LibvirtHost host;

    public DomainDefinitions(LibvirtHost host) {
        this.host = Objects.requireNonNull(host);
    }

    /**
     * The persistent definition of the VM with {@code uuid} (what it boots with next), as libvirt
     * formats it. {@code secure} includes secrets such as VNC passwords.
     */
    public CompletableFuture<String> read(String uuid, String vmName, boolean secure) {
        int flags = XML_INACTIVE | (secure ? XML_SECURE : 0);
        return host.withConnection("read the definition of " + vmName + " on " + host.uri(),
                c -> c.domainLookupByUUIDString(uuid).getXMLDesc(flags));
    }

    /**
     * Saves {@code xml} as the persistent definition of the VM with {@code uuid} and {@code vmName};
     * a running VM keeps running with its old definition until it is restarted. Fails with
     * {@link DefinitionRefusedException}: at once (without libvirt) when {@link #check} refuses the
     * XML, or with libvirt's error text when libvirt rejects it.
     */
    public CompletableFuture<Void> define(String uuid, String vmName, String xml) {
        try {
            // checked here, not on the worker: the answer comes at once even while the host is slow
            check(uuid, vmName, xml);
        } catch (DefinitionRefusedException e) {
            return CompletableFuture.failedFuture(e);
        }
        return host.withConnection("save the definition of " + vmName + " on " + host.uri(), c -> {
            Api api = Bindings.API;
            Pointer dom = api.virDomainDefineXMLFlags(LibvirtNative.pointer(c), xml, DEFINE_VALIDATE);
            if (dom == null) {
                throw DefinitionRefusedException.rejectedByLibvirt(lastErrorMessage());
            }
            api.virDomainFree(dom);
            return null;
        });
    }

    /**
     * Refuses {@code xml} unless it is well-formed and is a {@code <domain>} with the VM's own name
     * and UUID: saving it under another name or UUID would define a second VM, not edit this one.
     */
    public static void check(String uuid, String vmName, String xml) {
        Identity id = identity(xml);
        if (!"domain".equals(id.root())) {
            throw DefinitionRefusedException.notADomain(id.root());
        }
        if (!vmName.equals(id.name())) {
            throw DefinitionRefusedException.nameChanged(vmName, id.name());
        }
        if (id.uuid() == null || !normalizeUuid(id.uuid()).equals(normalizeUuid(uuid))) {
            throw DefinitionRefusedException.uuidChanged(uuid, id.uuid());
        }
    }

    /** The root element's name (prefixed when namespaced) and the root's {@code <name>} and {@code <uuid>}. */
    private record Identity(String root, String name, String uuid) {
    }

    /**
     * Reads the whole document (so any well-formedness error is found) with StAX, which reports the
     * line and column and, unlike a DOM parser's default handler, prints nothing to stderr.
     */
    private static Identity identity(String xml) {
        String root = null;
        String name = null;
        String uuid = null;
        XMLStreamReader r = null;
        try {
            r = stax().createXMLStreamReader(new StringReader(xml));
            int depth = 0;
            while (r.hasNext()) {
                int event = r.next();
                if (event == XMLStreamConstants.START_ELEMENT) {
                    depth++;
                    String local = r.getLocalName();
                    boolean plain = r.getNamespaceURI() == null || r.getNamespaceURI().isEmpty();
                    if (depth == 1) {
                        root = plain ? local : r.getPrefix() + ":" + local;
                    } else if (depth == 2 && plain && ("name".equals(local) || "uuid".equals(local))) {
                        String text = r.getElementText().strip(); // leaves the reader on the END_ELEMENT
                        depth--;
                        if ("name".equals(local) && name == null) {
                            name = text;
                        } else if ("uuid".equals(local) && uuid == null) {
                            uuid = text;
                        }
                    }
                } else if (event == XMLStreamConstants.END_ELEMENT) {
                    depth--;
                }
            }
        } catch (XMLStreamException e) {
            Location at = e.getLocation();
            throw DefinitionRefusedException.malformed(at != null ? at.getLineNumber() : 0,
                    at != null ? at.getColumnNumber() : 0, parserMessage(e));
        } finally {
            close(r);
        }
        if (root == null) {
            throw DefinitionRefusedException.malformed(1, 1, "no root element");
        }
        return new Identity(root, name, uuid);
    }

    /** The JDK prefixes its message with "ParseError at [row,col]:[l,c]\nMessage: "; the location is reported apart. */
    private static String parserMessage(XMLStreamException e) {
        String msg = e.getMessage() == null ? "" : e.getMessage();
        int at = msg.indexOf("Message: ");
        return (at >= 0 ? msg.substring(at + "Message: ".length()) : msg).strip();
    }

    private static void close(XMLStreamReader r) {
        if (r != null) {
            try {
                r.close();
            } catch (XMLStreamException ignored) {
                // nothing was opened outside the string
            }
        }
    }

    /** A factory per check: XMLInputFactory is not promised to be thread-safe, and checks are rare. */
    private static XMLInputFactory stax() {
        XMLInputFactory f = XMLInputFactory.newFactory();
        // domain XML has no DTD; refusing DTDs and external entities keeps the check from reaching out
        f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        f.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
        return f;
    }

    /** libvirt accepts UUIDs in either case, with or without dashes. */
    private static String normalizeUuid(String uuid) {
        return uuid.replace("-", "").strip().toLowerCase(Locale.ROOT);
    }

    /** libvirt's last error on this (the worker's) thread. */
    private static String lastErrorMessage() {
        virError err = Libvirt.INSTANCE.virGetLastError();
        return err != null && err.message != null ? err.message.strip() : "unknown libvirt error";
    }
}
