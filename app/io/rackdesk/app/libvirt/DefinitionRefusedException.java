package io.rackdesk.app.libvirt;

import java.util.Objects;

/**
 * An edited domain definition was not saved: either Rackdesk refused it before asking libvirt
 * (malformed XML, another domain's name or UUID), or libvirt rejected it ({@link Reason#LIBVIRT},
 * with libvirt's own text, e.g. its schema validation report). The UI words each reason itself.
 */
public final class DefinitionRefusedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public enum Reason {
        /** Not well-formed XML; {@link #line()}, {@link #column()} and the parser's {@link #detail()}. */
        MALFORMED,
        /** Well-formed, but the root element is not {@code <domain>}; {@link #found()} is the root's name. */
        NOT_A_DOMAIN,
        /** {@code <name>} differs from the VM's ({@link #expected()}); {@link #found()} is null when missing. */
        NAME_CHANGED,
        /** {@code <uuid>} differs from the VM's ({@link #expected()}); {@link #found()} is null when missing. */
        UUID_CHANGED,
        /** libvirt refused it; {@link #detail()} is libvirt's error text. */
        LIBVIRT
    }

    private final Reason reason;
    private final String detail;
    private final String expected;
    private final String found;
    private final int line;
    private final int column;

    private DefinitionRefusedException(Reason reason, String message, String detail, String expected, String found,
                                       int line, int column) {
        super(message);
        this.reason = Objects.requireNonNull(reason);
        this.detail = detail;
        this.expected = expected;
        this.found = found;
        this.line = line;
        this.column = column;
    }

    static DefinitionRefusedException malformed(int line, int column, String parserMessage) {
        return new DefinitionRefusedException(Reason.MALFORMED,
                "not well-formed XML at line " + line + ", column " + column + ": " + parserMessage,
                parserMessage, null, null, line, column);
    }

    static DefinitionRefusedException notADomain(String root) {
        return new DefinitionRefusedException(Reason.NOT_A_DOMAIN, "the root element is <" + root + ">, not <domain>",
                null, "domain", root, 0, 0);
    }

    static DefinitionRefusedException nameChanged(String expected, String found) {
        return new DefinitionRefusedException(Reason.NAME_CHANGED, "the name must stay '" + expected + "' (found "
                + (found == null ? "none" : "'" + found + "'") + "): renaming or cloning a VM is a different feature",
                null, expected, found, 0, 0);
    }

    static DefinitionRefusedException uuidChanged(String expected, String found) {
        return new DefinitionRefusedException(Reason.UUID_CHANGED, "the UUID must stay " + expected + " (found "
                + (found == null ? "none" : found) + "): cloning a VM is a different feature",
                null, expected, found, 0, 0);
    }

    static DefinitionRefusedException rejectedByLibvirt(String libvirtMessage) {
        return new DefinitionRefusedException(Reason.LIBVIRT, libvirtMessage, libvirtMessage, null, null, 0, 0);
    }

    public Reason reason() {
        return reason;
    }

    /** The parser's or libvirt's own text (MALFORMED, LIBVIRT), else null. */
    public String detail() {
        return detail;
    }

    /** The VM's name or UUID (NAME_CHANGED, UUID_CHANGED), else null. */
    public String expected() {
        return expected;
    }

    /** What the edited XML has instead; null when the element is missing. */
    public String found() {
        return found;
    }

    /** 1-based line of a MALFORMED document's error, else 0. */
    public int line() {
        return line;
    }

    /** 1-based column of a MALFORMED document's error, else 0. */
    public int column() {
        return column;
    }
}
